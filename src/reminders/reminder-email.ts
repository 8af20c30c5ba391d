import { Course, Topic } from '../courses/course.entity';
import { DueReminder } from './reminder-plan';
import { ReminderTraining } from './reminder.entity';

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

/** What a reminder email says, in no language yet: the template words it from the catalogue. */
export function reminderContext(
  due: DueReminder,
  schoolName: string,
  courses: Course[],
  appUrl: string,
): Record<string, unknown> {
  return {
    name: due.staff.name,
    schoolName,
    training: due.training,
    dueOn: due.dueOn,
    daysLeft: due.daysToDue,
    daysOverdue: -due.daysToDue,
    isInduction: due.training === 'induction',
    isOverdue: due.daysToDue < 0,
    isToday: due.daysToDue === 0,
    dspCopied: due.cc.length > 0,
    courses: renewalCourses(due.training, courses).map((course) => ({
      title: course.title,
      titleCy: course.titleCy,
      provider: course.provider,
      url: course.url,
    })),
    link: `${appUrl}/staff/${due.staff.id}`,
  };
}
