import { buildCompletionRecord, buildRecords, buildStaffRecord } from '../../test/factories/compliance-records.factory';
import { buildComplianceReport, memberStanding, percentCurrentOf } from './compliance-report';

const TODAY = '2026-11-27';

describe(buildComplianceReport.name, () => {
  it('counts each status among active staff only, leaving out leavers and future starters', () => {
    const current = buildStaffRecord();
    const dueSoon = buildStaffRecord();
    const lapsed = buildStaffRecord();
    const never = buildStaffRecord();
    const inductionDue = buildStaffRecord({ startDate: '2026-11-20' });
    const inductionOverdue = buildStaffRecord({ startDate: '2026-09-01' });
    const leaver = buildStaffRecord({ leftOn: '2026-11-01' });
    const futureStarter = buildStaffRecord({ startDate: '2026-12-01' });
    const report = buildComplianceReport(
      buildRecords({
        staff: [current, dueSoon, lapsed, never, inductionDue, inductionOverdue, leaver, futureStarter],
        completions: [
          buildCompletionRecord({ staffId: current.id, expiresOn: '2027-06-01' }),
          buildCompletionRecord({ staffId: dueSoon.id, expiresOn: '2026-12-10' }),
          buildCompletionRecord({ staffId: lapsed.id, expiresOn: '2026-01-10' }),
          buildCompletionRecord({ staffId: leaver.id, expiresOn: '2027-06-01' }),
        ],
      }),
      TODAY,
    );
    expect(report.asOf).toBe(TODAY);
    expect(report.activeStaff).toBe(6);
    expect(report.counts).toEqual({
      current: 1,
      dueSoon: 1,
      lapsed: 1,
      never: 1,
      inductionDue: 1,
      inductionOverdue: 1,
    });
    expect(report.percentCurrent).toBe(33.3);
    expect(report.standings.map((standing) => standing.staff.id)).not.toContain(leaver.id);
    expect(report.standings.map((standing) => standing.staff.id)).not.toContain(futureStarter.id);
  });

  it('has a null percentage and no coverage concern with no active staff', () => {
    const report = buildComplianceReport(buildRecords(), TODAY);
    expect(report.percentCurrent).toBeNull();
    expect(report.concerns.map((concern) => concern.code)).not.toContain('low-coverage');
  });
});

describe(percentCurrentOf.name, () => {
  it('rounds to one decimal place', () => {
    expect(percentCurrentOf([{ status: 'current' }, { status: 'due-soon' }, { status: 'never' }])).toBe(66.7);
    expect(percentCurrentOf([{ status: 'current' }])).toBe(100);
    expect(percentCurrentOf([{ status: 'lapsed' }])).toBe(0);
  });
});

describe(memberStanding.name, () => {
  it('gives each member, from their own records alone, their line of the school’s report, and null for those not active', () => {
    const dsp = buildStaffRecord({ safeguardingRole: 'dsp' });
    const dueSoon = buildStaffRecord();
    const lapsed = buildStaffRecord({ filteringLead: true });
    const never = buildStaffRecord();
    const starter = buildStaffRecord({ startDate: '2026-11-20' });
    const leaver = buildStaffRecord({ leftOn: '2026-11-01' });
    const futureStarter = buildStaffRecord({ startDate: '2026-12-01' });
    const staff = [dsp, dueSoon, lapsed, never, starter, leaver, futureStarter];
    const records = buildRecords({
      staff,
      completions: [
        buildCompletionRecord({ staffId: dsp.id, expiresOn: '2027-06-01' }),
        buildCompletionRecord({ staffId: dsp.id, courseId: 9, topics: ['dsp-advanced'], expiresOn: '2028-06-01' }),
        buildCompletionRecord({ staffId: dueSoon.id, expiresOn: '2026-12-10' }),
        buildCompletionRecord({ staffId: lapsed.id, expiresOn: '2026-01-10' }),
        buildCompletionRecord({ staffId: leaver.id, expiresOn: '2027-06-01' }),
      ],
    });
    const report = buildComplianceReport(records, TODAY);
    const own = (id: number) => records.completions.filter((completion) => completion.staffId === id);
    const alone = staff.map((member) =>
      memberStanding(
        { settings: records.settings, member, completions: own(member.id), requirements: records.requirements },
        TODAY,
      ),
    );
    expect(alone).toEqual(staff.map((member) => report.standings.find((line) => line.staff.id === member.id) ?? null));
    expect(alone.map((standing) => standing?.status ?? null)).toEqual([
      'current',
      'due-soon',
      'lapsed',
      'never',
      'induction-due',
      null,
      null,
    ]);
    const dspAdvanced = alone[0]?.requirements.find((line) => line.requirement.code === 'dsp-advanced');
    expect(dspAdvanced).toMatchObject({ status: 'current', satisfiedBy: [{ courseId: 9 }] });
  });
});
