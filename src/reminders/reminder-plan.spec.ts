import {
  buildCompletionRecord,
  buildRecords,
  buildSettings,
  buildStaffRecord,
} from '../../test/factories/compliance-records.factory';
import { buildComplianceReport } from '../compliance/compliance-report';
import { SchoolRecords } from '../compliance/compliance.types';
import { latestReminderPoint, planReminders } from './reminder-plan';

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
  ])('for a due date of %s gives %s', async (dueOn, expected) => {
    expect(latestReminderPoint(dueOn, TODAY, OFFSETS)).toBe(expected);
  });

  it('follows the school’s offsets', async () => {
    expect(latestReminderPoint('2027-01-20', TODAY, [60, 14])).toBe(60);
    expect(latestReminderPoint('2026-11-25', TODAY, [60, 14])).toBe(14);
  });
});

describe(planReminders.name, () => {
  const dsp = buildStaffRecord({ safeguardingRole: 'dsp', email: 'dsp@school.test' });
  const coordinator = buildStaffRecord({ email: 'coordinator@school.test' });
  const settings = buildSettings({ trainingCoordinatorId: coordinator.id });
  const trainedDsp = buildCompletionRecord({
    staffId: dsp.id,
    topics: ['online-safety', 'dsp-advanced'],
    expiresOn: '2028-01-01',
  });
  const trainedCoordinator = buildCompletionRecord({ staffId: coordinator.id, expiresOn: '2028-01-01' });

  it('reminds a member 30 days before expiry without copying anyone', async () => {
    const member = buildStaffRecord();
    const records = buildRecords({
      settings,
      staff: [dsp, coordinator, member],
      completions: [
        trainedDsp,
        trainedCoordinator,
        buildCompletionRecord({ staffId: member.id, expiresOn: '2026-12-27' }),
      ],
    });
    expect(plan(records)).toEqual([
      expect.objectContaining({
        staff: member,
        training: 'online-safety',
        dueOn: '2026-12-27',
        offsetDays: 30,
        daysToDue: 30,
        cc: [],
      }),
    ]);
  });

  it('copies the DSP when overdue, and the coordinator from 28 days overdue', async () => {
    const member = buildStaffRecord();
    const lapsedOn = (expiresOn: string) =>
      buildRecords({
        settings,
        staff: [dsp, coordinator, member],
        completions: [trainedDsp, trainedCoordinator, buildCompletionRecord({ staffId: member.id, expiresOn })],
      });
    expect(plan(lapsedOn('2026-11-27'))[0]).toMatchObject({ offsetDays: 0, cc: [] });
    expect(plan(lapsedOn('2026-11-20'))[0]).toMatchObject({ offsetDays: -7, cc: ['dsp@school.test'] });
    expect(plan(lapsedOn('2026-10-31'))[0]).toMatchObject({ offsetDays: -21, cc: ['dsp@school.test'] });
    expect(plan(lapsedOn('2026-10-30'))[0]).toMatchObject({
      offsetDays: -28,
      cc: ['dsp@school.test', 'coordinator@school.test'],
    });
  });

  it('reminds a new starter of induction training due at the end of the window', async () => {
    const starter = buildStaffRecord({ startDate: '2026-11-27' });
    const records = buildRecords({
      settings,
      staff: [dsp, coordinator, starter],
      completions: [trainedDsp, trainedCoordinator],
    });
    expect(plan(records)).toEqual([
      expect.objectContaining({ staff: starter, training: 'induction', dueOn: '2026-12-27', offsetDays: 30 }),
    ]);
  });

  it('reminds a DSP of their DSP-advanced training separately', async () => {
    const records = buildRecords({
      settings,
      staff: [dsp, coordinator],
      completions: [
        buildCompletionRecord({ staffId: dsp.id, expiresOn: '2028-01-01' }),
        buildCompletionRecord({ staffId: dsp.id, topics: ['dsp-advanced'], expiresOn: '2026-12-04' }),
        trainedCoordinator,
      ],
    });
    expect(plan(records)).toEqual([
      expect.objectContaining({ staff: dsp, training: 'dsp-advanced', offsetDays: 7, cc: [] }),
    ]);
  });

  it('sends nothing to leavers, future starters or staff who are not due', async () => {
    const leaver = buildStaffRecord({ leftOn: '2026-11-01' });
    const future = buildStaffRecord({ startDate: '2026-12-01' });
    const fine = buildStaffRecord();
    const records = buildRecords({
      settings,
      staff: [dsp, coordinator, leaver, future, fine],
      completions: [
        trainedDsp,
        trainedCoordinator,
        buildCompletionRecord({ staffId: leaver.id, expiresOn: '2026-11-27' }),
        buildCompletionRecord({ staffId: fine.id, expiresOn: '2027-11-01' }),
      ],
    });
    expect(plan(records)).toEqual([]);
  });

  it('sends nothing to staff never trained who are not new starters (the untrained-staff concern covers them)', async () => {
    const never = buildStaffRecord({ startDate: '2019-01-01' });
    expect(
      plan(buildRecords({ settings, staff: [dsp, coordinator, never], completions: [trainedDsp, trainedCoordinator] })),
    ).toEqual([]);
  });
});
