import { RequirementStanding, StaffStanding, TrainingStatus } from './compliance.types';
import { unnamedRows } from './unnamed-rows';

type Row = Pick<StaffStanding, 'status' | 'expiresOn' | 'overallStatus' | 'requirements'> & { name: string };

function own(code: string, audience: 'all-staff' | 'dsp-and-deputies', status: TrainingStatus): RequirementStanding {
  return {
    requirement: {
      code,
      audience,
      titleEn: code,
      titleCy: code,
      topics: [],
      refreshMonths: 'annual',
      induction: false,
    },
    status,
    expiresOn: null,
    satisfiedBy: [],
  };
}

function row(name: string, status: TrainingStatus, expiresOn: string | null, overallStatus = status): Row {
  return { name, status, expiresOn, overallStatus, requirements: [own('online-safety', 'all-staff', status)] };
}

describe(unnamedRows.name, () => {
  it('orders by overall status, worst first, then by expiry, whatever the input order', () => {
    const standings = [
      row('Aled', 'current', '2027-09-01'),
      row('Bethan', 'never', null),
      row('Carys', 'current', '2027-02-01'),
      row('Dai', 'lapsed', '2026-01-01'),
      row('Elin', 'current', '2027-01-01', 'induction-overdue'),
    ];
    const statuses = (rows: ReturnType<typeof unnamedRows>) => rows.map((r) => [r.overallStatus, r.expiresOn]);
    expect(statuses(unnamedRows(standings))).toEqual([
      ['induction-overdue', '2027-01-01'],
      ['never', null],
      ['lapsed', '2026-01-01'],
      ['current', '2027-02-01'],
      ['current', '2027-09-01'],
    ]);
    expect(unnamedRows([...standings].reverse())).toEqual(unnamedRows(standings));
  });

  it('carries no name or role, and only the requirements every member has', () => {
    const dsp = { ...row('Aled', 'current', '2027-01-01'), safeguardingRole: 'dsp' };
    dsp.requirements = [...dsp.requirements, own('dsp-advanced', 'dsp-and-deputies', 'lapsed')];
    const [only] = unnamedRows([dsp]);
    expect(Object.keys(only).sort()).toEqual(['expiresOn', 'overallStatus', 'requirements', 'status']);
    expect(only.requirements).toEqual({ 'online-safety': 'current' });
  });
});
