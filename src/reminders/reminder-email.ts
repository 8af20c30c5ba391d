import { formatDay } from '../common/format-day';
import { Language } from '../common/language';
import { RequirementRecord } from '../compliance/compliance.types';
import { Course } from '../courses/course.entity';
import { isMessageKey, translate } from '../i18n/translate';
import { DueReminder, ReminderEmail } from './reminder-plan';

/**
 * How an email names an item's training, mid-sentence: the catalogue's words for the
 * guidance's requirements, a school's own by its title.
 */
export function trainingName(item: Pick<DueReminder, 'training' | 'requirement'>, language: Language): string {
  for (const key of [`email.training.${item.training}`, `email.training.${item.requirement.code}`])
    if (isMessageKey(key)) return translate(language, key);
  const title = language === 'cy' ? item.requirement.titleCy : item.requirement.titleEn;
  return translate(language, 'email.training.own', { title });
}

/** Courses still offered that cover the requirement's topics; induction courses first for new starters. */
export function renewalCourses(requirement: RequirementRecord, induction: boolean, courses: Course[]): Course[] {
  const offered = courses.filter(
    (course) => !course.retired && requirement.topics.some((topic) => course.topics.includes(topic)),
  );
  const forInduction = offered.filter((course) => course.induction);
  return induction && forInduction.length ? forInduction : offered;
}

/** One item's sentence, for the list of everything else due. */
function itemLine(item: DueReminder, language: Language): string {
  const training = trainingName(item, language);
  const date = formatDay(item.dueOn, language);
  if (item.kind === 'induction') return translate(language, 'email.reminder.inductionOf', { training, date });
  if (item.kind === 'never') return translate(language, 'email.reminder.never', { training });
  if (item.daysToDue < 0)
    return translate(language, 'email.reminder.overdue', { training, date, count: -item.daysToDue });
  if (item.daysToDue === 0) return translate(language, 'email.reminder.today', { training, date });
  return translate(language, 'email.reminder.upcoming', { training, date, count: item.daysToDue });
}

/**
 * One email for everything a member has due. The subject and the opening speak of the
 * first item (the school's first requirement due); the others are listed after it.
 */
export function reminderContext(
  email: ReminderEmail,
  schoolName: string,
  courses: Course[],
  appUrl: string,
): Record<string, unknown> {
  const language = email.staff.language;
  const [first, ...others] = email.items;
  const offered = new Map<number, Course>();
  for (const item of email.items)
    for (const course of renewalCourses(item.requirement, item.kind === 'induction', courses))
      offered.set(course.id, course);
  return {
    name: email.staff.name,
    schoolName,
    trainingName: trainingName(first, language),
    dueOn: first.dueOn,
    daysLeft: first.daysToDue,
    daysOverdue: -first.daysToDue,
    isInduction: first.kind === 'induction' && first.training === 'induction',
    isInductionOther: first.kind === 'induction' && first.training !== 'induction',
    isNever: first.kind === 'never',
    isOverdue: first.daysToDue < 0,
    isToday: first.daysToDue === 0,
    dspCopied: email.cc.length > 0,
    others: others.map((item) => itemLine(item, language)),
    courses: [...offered.values()].map((course) => ({
      title: course.title,
      titleCy: course.titleCy,
      provider: course.provider,
      url: course.url,
    })),
    link: `${appUrl}/staff/${email.staff.id}`,
  };
}
