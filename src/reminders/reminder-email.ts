import { Course, Topic } from '../courses/course.entity';
import { Language } from '../common/language';
import { DueReminder } from './reminder-plan';
import { ReminderTraining } from './reminder.entity';

const TRAINING_NAMES: Record<Language, Record<ReminderTraining, string>> = {
  en: {
    'online-safety': 'online safety training',
    'dsp-advanced': 'advanced DSP training',
    induction: 'induction online safety training',
  },
  cy: {
    'online-safety': 'hyfforddiant diogelwch ar-lein',
    'dsp-advanced': 'hyfforddiant uwch ar gyfer y person diogelu dynodedig',
    induction: 'hyfforddiant diogelwch ar-lein ar gyfer y cyfnod sefydlu',
  },
};

const TOPIC_FOR: Record<ReminderTraining, Topic> = {
  'online-safety': 'online-safety',
  'dsp-advanced': 'dsp-advanced',
  induction: 'online-safety',
};

/** Courses still offered that renew this training; induction courses first for new starters. */
export function renewalCourses(training: ReminderTraining, courses: Course[]): Course[] {
  const offered = courses.filter((course) => !course.retired && course.topics.includes(TOPIC_FOR[training]));
  const induction = offered.filter((course) => course.induction);
  return training === 'induction' && induction.length ? induction : offered;
}

export function reminderContext(
  due: DueReminder,
  schoolName: string,
  courses: Course[],
  appUrl: string,
): Record<string, unknown> {
  return {
    name: due.staff.name,
    schoolName,
    trainingName: TRAINING_NAMES[due.staff.language][due.training],
    dueOn: due.dueOn,
    daysLeft: due.daysToDue,
    daysOverdue: -due.daysToDue,
    isInduction: due.training === 'induction',
    isOverdue: due.daysToDue < 0,
    isToday: due.daysToDue === 0,
    dspCopied: due.cc.length > 0,
    courses: renewalCourses(due.training, courses).map((course) => ({
      title: course.title,
      provider: course.provider,
      url: course.url,
    })),
    link: `${appUrl}/staff/${due.staff.id}`,
  };
}
