import { addDays, daysBetween, Day } from '../common/day';
import { ComplianceReport, ComplianceSettings, StaffRecord, StaffStanding } from '../compliance/compliance.types';
import { isActive, isSafeguardingLead } from '../compliance/staff-standing';
import { ReminderTraining } from './reminder.entity';

const OVERDUE_EVERY_DAYS = 7;

export interface DueReminder {
  staff: StaffRecord;
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

/** What each active member is owed today: online-safety, DSP-advanced or induction training. */
function dueDates(
  standing: StaffStanding,
  settings: ComplianceSettings,
): Array<{ training: ReminderTraining; dueOn: Day }> {
  const due: Array<{ training: ReminderTraining; dueOn: Day }> = [];
  if (standing.status === 'induction-due' || standing.status === 'induction-overdue') {
    due.push({ training: 'induction', dueOn: addDays(standing.staff.startDate, settings.inductionWindowDays) });
  } else if (standing.expiresOn && standing.status !== 'never') {
    due.push({ training: 'online-safety', dueOn: standing.expiresOn });
  }
  if (isSafeguardingLead(standing.staff) && standing.dspAdvancedExpiresOn) {
    due.push({ training: 'dsp-advanced', dueOn: standing.dspAdvancedExpiresOn });
  }
  return due;
}

/** Overdue reminders copy the school's DSPs, and from the set number of days the training coordinator. */
function copiesFor(
  member: StaffRecord,
  daysToDue: number,
  allStaff: StaffRecord[],
  settings: ComplianceSettings,
  today: Day,
): string[] {
  if (daysToDue >= 0) return [];
  const copied = allStaff.filter((other) => isActive(other, today) && other.safeguardingRole === 'dsp');
  const coordinator = allStaff.find((other) => other.id === settings.trainingCoordinatorId);
  if (coordinator && isActive(coordinator, today) && -daysToDue >= settings.coordinatorCopyAfterDays)
    copied.push(coordinator);
  return [...new Set(copied.filter((other) => other.id !== member.id).map((other) => other.email))];
}

export function planReminders(
  report: ComplianceReport,
  allStaff: StaffRecord[],
  settings: ComplianceSettings,
): DueReminder[] {
  const today = report.asOf;
  return report.standings.flatMap((standing) =>
    dueDates(standing, settings).flatMap(({ training, dueOn }) => {
      const offsetDays = latestReminderPoint(dueOn, today, settings.reminderOffsetsDays);
      if (offsetDays === null) return [];
      const daysToDue = daysBetween(today, dueOn);
      return [
        {
          staff: standing.staff,
          training,
          dueOn,
          offsetDays,
          daysToDue,
          cc: copiesFor(standing.staff, daysToDue, allStaff, settings, today),
        },
      ];
    }),
  );
}
