import { daysBetween, Day } from '../common/day';
import {
  ComplianceReport,
  ComplianceSettings,
  RequirementRecord,
  StaffRecord,
  StaffStanding,
} from '../compliance/compliance.types';
import { ONLINE_SAFETY_REQUIREMENT } from '../compliance/default-requirements';
import { inductionDueOn, isActive } from '../compliance/staff-standing';
import { ReminderTraining } from './reminder.entity';

const OVERDUE_EVERY_DAYS = 7;

export type DueKind = 'induction' | 'never' | 'renewal';

/** One requirement's reminder for one member: recorded on its own, sent in the member's one email. */
export interface DueReminder {
  staff: StaffRecord;
  requirement: RequirementRecord;
  kind: DueKind;
  training: ReminderTraining;
  dueOn: Day;
  /** Which reminder: days before the due date (0 = on the day), negative when overdue. */
  offsetDays: number;
  /** Days from today to the due date; negative when overdue. */
  daysToDue: number;
  cc: string[];
}

/**
 * The latest reminder point on or before today: the offsets before the due date,
 * then every 7 days overdue. Taking only the latest means a run missed for some
 * days sends one catch-up email, not one per missed day.
 */
export function latestReminderPoint(dueOn: Day, today: Day, offsets: number[]): number | null {
  const daysToDue = daysBetween(today, dueOn);
  const overdue = -daysToDue;
  if (overdue >= OVERDUE_EVERY_DAYS) return -OVERDUE_EVERY_DAYS * Math.floor(overdue / OVERDUE_EVERY_DAYS);
  const passed = offsets.filter((offset) => offset >= daysToDue);
  return passed.length ? Math.min(...passed) : null;
}

/** The reminder key of one requirement's training (the first three keep the names reminders always had). */
export function trainingKey(code: string, induction: boolean): ReminderTraining {
  if (!induction) return code;
  return code === ONLINE_SAFETY_REQUIREMENT.code ? 'induction' : `induction:${code}`;
}

interface Owed {
  requirement: RequirementRecord;
  training: ReminderTraining;
  dueOn: Day;
  kind: DueKind;
}

/**
 * What each active member is owed today, for every requirement that applies to them:
 * induction training by the end of the window, renewal by the expiry, and training
 * never done by the end of the induction window (long past for established staff).
 */
function dueDates(standing: StaffStanding, settings: ComplianceSettings): Owed[] {
  const endOfWindow = inductionDueOn(standing.staff, settings);
  return standing.requirements.flatMap(({ requirement, status, expiresOn }): Owed[] => {
    if (status === 'induction-due' || status === 'induction-overdue')
      return [{ requirement, training: trainingKey(requirement.code, true), dueOn: endOfWindow, kind: 'induction' }];
    if (status === 'never')
      return [{ requirement, training: trainingKey(requirement.code, false), dueOn: endOfWindow, kind: 'never' }];
    if (expiresOn === null) return [];
    return [{ requirement, training: trainingKey(requirement.code, false), dueOn: expiresOn, kind: 'renewal' }];
  });
}

/** Who overdue reminders may copy: the school's active DSPs, and its training coordinator while active. */
interface CopyCandidates {
  dsps: StaffRecord[];
  coordinator: StaffRecord | null;
}

/** Worked out once per school, not once per overdue item: a school's every member may be overdue. */
function copyCandidates(allStaff: StaffRecord[], settings: ComplianceSettings, today: Day): CopyCandidates {
  const coordinator = allStaff.find((other) => other.id === settings.trainingCoordinatorId);
  return {
    dsps: allStaff.filter((other) => isActive(other, today) && other.safeguardingRole === 'dsp'),
    coordinator: coordinator && isActive(coordinator, today) ? coordinator : null,
  };
}

/** Overdue reminders copy the school's DSPs, and from the set number of days the training coordinator. */
function copiesFor(
  member: StaffRecord,
  daysToDue: number,
  candidates: CopyCandidates,
  settings: ComplianceSettings,
): string[] {
  if (daysToDue >= 0) return [];
  const copied = [...candidates.dsps];
  if (candidates.coordinator && -daysToDue >= settings.coordinatorCopyAfterDays) copied.push(candidates.coordinator);
  return [...new Set(copied.filter((other) => other.id !== member.id).map((other) => other.email))];
}

export function planReminders(
  report: Pick<ComplianceReport, 'asOf' | 'standings'>,
  allStaff: StaffRecord[],
  settings: ComplianceSettings,
): DueReminder[] {
  const today = report.asOf;
  const candidates = copyCandidates(allStaff, settings, today);
  return report.standings.flatMap((standing) =>
    dueDates(standing, settings).flatMap(({ requirement, kind, training, dueOn }) => {
      const offsetDays = latestReminderPoint(dueOn, today, settings.reminderOffsetsDays);
      if (offsetDays === null) return [];
      const daysToDue = daysBetween(today, dueOn);
      return [
        {
          staff: standing.staff,
          requirement,
          kind,
          training,
          dueOn,
          offsetDays,
          daysToDue,
          cc: copiesFor(standing.staff, daysToDue, candidates, settings),
        },
      ];
    }),
  );
}

/** One email per member, listing everything due (in the school's order of requirements). */
export interface ReminderEmail {
  staff: StaffRecord;
  items: DueReminder[];
  /** Everyone any item copies. */
  cc: string[];
}

export function groupByMember(due: DueReminder[]): ReminderEmail[] {
  const emails = new Map<number, ReminderEmail>();
  for (const item of due) {
    const email = emails.get(item.staff.id) ?? { staff: item.staff, items: [], cc: [] };
    email.items.push(item);
    email.cc = [...new Set([...email.cc, ...item.cc])];
    emails.set(item.staff.id, email);
  }
  return [...emails.values()];
}
