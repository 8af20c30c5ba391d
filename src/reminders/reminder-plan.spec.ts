import {
  buildCompletionRecord,
  buildRecords,
  buildSettings,
  buildStaffRecord,
} from '../../test/factories/compliance-records.factory';
import { buildComplianceReport } from '../compliance/compliance-report';
import { SchoolRecords } from '../compliance/compliance.types';
import { Topic } from '../courses/course.entity';
import { DEFAULT_REQUIREMENTS } from '../compliance/default-requirements';

const ONLINE_SAFETY = DEFAULT_REQUIREMENTS[0];
import { groupByMember, latestReminderPoint, planReminders } from './reminder-plan';

const TODAY = '2026-11-27';
const OFFSETS = [30, 7, 0];

function plan(records: SchoolRecords, today = TODAY) {
  return planReminders(buildComplianceReport(records, today), records.staff, records.settings);
}

describe(latestReminderPoint.name, () => {
  it.each([
    ['2027-01-10', null], // 44 days away: nothing yet
    ['2026-12-28', null], // 31 days away
    ['2026-12-27', 30], // exactly 30 days before
    ['2026-12-10', 30], // 13 days away: still the 30-day point (a missed run catches up)
    ['2026-12-04', 7],
    ['2026-11-28', 7],
    ['2026-11-27', 0], // expires today
    ['2026-11-21', 0], // 6 days overdue
    ['2026-11-20', -7], // 7 days overdue
    ['2026-11-06', -21],
    ['2025-11-27', -364],
  ])('for a due date of %s gives %s', (dueOn, expected) => {
    expect(latestReminderPoint(dueOn, TODAY, OFFSETS)).toBe(expected);
  });

  it('follows the school’s offsets', () => {
    expect(latestReminderPoint('2027-01-20', TODAY, [60, 14])).toBe(60);
    expect(latestReminderPoint('2026-11-25', TODAY, [60, 14])).toBe(14);
  });
});

describe(planReminders.name, () => {
  const dsp = buildStaffRecord({ safeguardingRole: 'dsp', email: 'dsp@school.test' });
  const coordinator = buildStaffRecord({ email: 'coordinator@school.test' });
  const settings = buildSettings({ trainingCoordinatorId: coordinator.id });
  // One whole-staff course covers the three all-staff requirements, so each test's timing is all that differs.
  const ALL_STAFF: Topic[] = ['online-safety', 'osh-response', 'safeguarding'];
  const trained = (staffId: number, expiresOn: string, topics: Topic[] = ALL_STAFF) =>
    buildCompletionRecord({ staffId, topics, expiresOn, validityMonths: 24 });
  const trainedDsp = trained(dsp.id, '2028-01-01', [...ALL_STAFF, 'dsp-advanced']);
  const trainedCoordinator = trained(coordinator.id, '2028-01-01');

  it('reminds a member 30 days before expiry without copying anyone', () => {
    const member = buildStaffRecord();
    const records = buildRecords({
      settings,
      staff: [dsp, coordinator, member],
      completions: [
        trainedDsp,
        trainedCoordinator,
        trained(member.id, '2026-12-27', ['online-safety']),
        trained(member.id, '2027-06-01', ['osh-response', 'safeguarding']),
      ],
    });
    expect(plan(records)).toEqual([
      expect.objectContaining({
        staff: member,
        training: 'online-safety',
        kind: 'renewal',
        dueOn: '2026-12-27',
        offsetDays: 30,
        daysToDue: 30,
        cc: [],
      }),
    ]);
  });

  it('copies the DSP when overdue, and the coordinator from 28 days overdue', () => {
    const member = buildStaffRecord();
    const lapsedOn = (expiresOn: string) =>
      buildRecords({
        settings,
        staff: [dsp, coordinator, member],
        completions: [trainedDsp, trainedCoordinator, trained(member.id, expiresOn, ['online-safety'])],
        requirements: [ONLINE_SAFETY],
      });
    expect(plan(lapsedOn('2026-11-27'))[0]).toMatchObject({ offsetDays: 0, cc: [] });
    expect(plan(lapsedOn('2026-11-20'))[0]).toMatchObject({ offsetDays: -7, cc: ['dsp@school.test'] });
    expect(plan(lapsedOn('2026-10-31'))[0]).toMatchObject({ offsetDays: -21, cc: ['dsp@school.test'] });
    expect(plan(lapsedOn('2026-10-30'))[0]).toMatchObject({
      offsetDays: -28,
      cc: ['dsp@school.test', 'coordinator@school.test'],
    });
  });

  it('reminds a new starter of induction training due at the end of the window', () => {
    const starter = buildStaffRecord({ startDate: '2026-11-27' });
    const records = buildRecords({
      settings,
      staff: [dsp, coordinator, starter],
      completions: [trainedDsp, trainedCoordinator],
    });
    expect(plan(records)).toEqual([
      expect.objectContaining({ staff: starter, training: 'induction', dueOn: '2026-12-27', offsetDays: 30 }),
      expect.objectContaining({
        staff: starter,
        training: 'induction:osh-response',
        kind: 'induction',
        dueOn: '2026-12-27',
      }),
      // Safeguarding has no induction rule: never done, due by the same day.
      expect.objectContaining({ staff: starter, training: 'safeguarding', kind: 'never', dueOn: '2026-12-27' }),
    ]);
  });

  it('reminds a DSP of their DSP-advanced training separately', () => {
    const records = buildRecords({
      settings,
      staff: [dsp, coordinator],
      completions: [trained(dsp.id, '2028-01-01'), trained(dsp.id, '2026-12-04', ['dsp-advanced']), trainedCoordinator],
    });
    expect(plan(records)).toEqual([
      expect.objectContaining({ staff: dsp, training: 'dsp-advanced', offsetDays: 7, cc: [] }),
    ]);
  });

  it('sends nothing to leavers, future starters or staff who are not due', () => {
    const leaver = buildStaffRecord({ leftOn: '2026-11-01' });
    const future = buildStaffRecord({ startDate: '2026-12-01' });
    const fine = buildStaffRecord();
    const records = buildRecords({
      settings,
      staff: [dsp, coordinator, leaver, future, fine],
      completions: [trainedDsp, trainedCoordinator, trained(leaver.id, '2026-11-27'), trained(fine.id, '2027-11-01')],
    });
    expect(plan(records)).toEqual([]);
  });

  it('reminds staff never trained, past the induction window, weekly as overdue, copying the DSP', () => {
    const never = buildStaffRecord({ startDate: '2019-01-01' });
    const due = plan(
      buildRecords({
        settings,
        staff: [dsp, coordinator, never],
        completions: [trainedDsp, trainedCoordinator],
        requirements: [ONLINE_SAFETY],
      }),
    );
    // Due at the end of the induction window, 31 January 2019: 2,857 days ago, so the 2,856-day point.
    expect(due).toEqual([
      expect.objectContaining({
        staff: never,
        training: 'online-safety',
        kind: 'never',
        dueOn: '2019-01-31',
        offsetDays: -2856,
        cc: ['dsp@school.test', 'coordinator@school.test'],
      }),
    ]);
  });

  it('covers every requirement that applies, and no other', () => {
    const leader = buildStaffRecord({ seniorLeader: true });
    const teacher = buildStaffRecord();
    const records = buildRecords({
      settings,
      staff: [dsp, coordinator, leader, teacher],
      completions: [
        trainedDsp,
        trainedCoordinator,
        trained(leader.id, '2028-01-01'),
        trained(teacher.id, '2028-01-01'),
      ],
    });
    expect(plan(records).map((item) => [item.staff.id, item.training])).toEqual([[leader.id, 'filtering-monitoring']]);
  });
});

describe(groupByMember.name, () => {
  it('makes one email per member, listing every item and copying everyone any item copies', () => {
    const settings = buildSettings();
    const dsp = buildStaffRecord({ safeguardingRole: 'dsp', email: 'dsp@school.test' });
    const member = buildStaffRecord({ seniorLeader: true });
    const records = buildRecords({
      settings,
      staff: [dsp, member],
      completions: [
        buildCompletionRecord({
          staffId: dsp.id,
          topics: ['online-safety', 'osh-response', 'safeguarding', 'dsp-advanced'],
          expiresOn: '2028-01-01',
        }),
        buildCompletionRecord({ staffId: member.id, topics: ['online-safety'], expiresOn: '2026-12-27' }),
      ],
    });
    const emails = groupByMember(plan(records));
    expect(emails).toHaveLength(1);
    expect(emails[0].staff).toBe(member);
    expect(emails[0].items.map((item) => item.training)).toEqual([
      'online-safety',
      'osh-response',
      'safeguarding',
      'filtering-monitoring',
    ]);
    expect(emails[0].cc).toEqual(['dsp@school.test']);
  });
});
