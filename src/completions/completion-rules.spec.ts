import { completionProblems, courseUsableBy, priorTrainingProblems } from './completion-rules';

const staff = { schoolId: 1, startDate: '2026-09-01', leftOn: null };
const shared = { id: 1, schoolId: null };
const today = '2026-11-27';

describe(courseUsableBy.name, () => {
  it('allows the shared catalogue and the school’s own courses only', () => {
    expect(courseUsableBy({ schoolId: null }, 1)).toBe(true);
    expect(courseUsableBy({ schoolId: 1 }, 1)).toBe(true);
    expect(courseUsableBy({ schoolId: 2 }, 1)).toBe(false);
  });
});

describe(completionProblems.name, () => {
  it('accepts a completion on the start date and on today', () => {
    expect(completionProblems(staff, shared, '2026-09-01', today)).toEqual([]);
    expect(completionProblems(staff, shared, today, today)).toEqual([]);
  });
  it('refuses a completion after today', () => {
    expect(completionProblems(staff, shared, '2026-11-28', today)).toEqual([
      expect.objectContaining({ field: 'completedOn' }),
    ]);
  });
  it('refuses a completion before the member started', () => {
    expect(completionProblems(staff, shared, '2026-08-31', today)).toEqual([
      expect.objectContaining({ field: 'completedOn' }),
    ]);
  });
  it('refuses a completion after the member left, but not on the day they left', () => {
    const leaver = { ...staff, leftOn: '2026-10-01' };
    expect(completionProblems(leaver, shared, '2026-10-01', today)).toEqual([]);
    expect(completionProblems(leaver, shared, '2026-10-02', today)).toEqual([
      expect.objectContaining({ field: 'completedOn' }),
    ]);
  });
  it('refuses another school’s in-house course as if it did not exist, never naming it', () => {
    expect(completionProblems(staff, { id: 9, schoolId: 2 }, today, today)).toEqual([
      { field: 'courseId', message: 'courseId: no course with id 9' },
    ]);
  });

  describe(priorTrainingProblems.name, () => {
    const prior = (evidence: string | null) => ({ prior: true, evidence });

    it('accepts prior training dated before the start date, with evidence', () => {
      expect(completionProblems(staff, shared, '2026-08-31', today, prior('CERT-9'))).toEqual([]);
    });
    it('refuses prior training dated on or after the start date, naming completedOn', () => {
      expect(completionProblems(staff, shared, '2026-09-01', today, prior('CERT-9'))).toEqual([
        expect.objectContaining({ field: 'completedOn', message: expect.stringContaining('before') }),
      ]);
    });
    it.each([null, '', '   '])('refuses prior training without evidence (%p), naming evidence', (evidence) => {
      expect(completionProblems(staff, shared, '2025-08-31', today, prior(evidence))).toEqual([
        expect.objectContaining({ field: 'evidence' }),
      ]);
    });
    it('still refuses a prior date after today', () => {
      const future = { ...staff, startDate: '2027-01-01' };
      expect(completionProblems(future, shared, '2026-12-01', today, prior('CERT-9'))).toEqual([
        expect.objectContaining({ field: 'completedOn' }),
      ]);
    });
  });
});
