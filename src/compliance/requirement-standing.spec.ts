import {
  buildCompletionRecord,
  buildSettings,
  buildStaffRecord,
} from '../../test/factories/compliance-records.factory';
import { RequirementRecord, StaffRecord } from './compliance.types';
import { DEFAULT_REQUIREMENTS } from './default-requirements';
import { isInAudience, requirementStanding, worstStatus } from './requirement-standing';
import { standingOf } from './staff-standing';

const TODAY = '2026-11-27';
const settings = buildSettings();
const byCode = (code: string) => DEFAULT_REQUIREMENTS.find((requirement) => requirement.code === code)!;

function requirement(overrides: Partial<RequirementRecord> = {}): RequirementRecord {
  return {
    code: 'school-own',
    titleEn: 'Our own',
    titleCy: 'Ein un ni',
    audience: 'all-staff',
    topics: ['online-safety'],
    refreshMonths: 'annual',
    induction: false,
    ...overrides,
  };
}

describe('requirement standing', () => {
  describe(isInAudience.name, () => {
    const teacher = buildStaffRecord();
    const dsp = buildStaffRecord({ safeguardingRole: 'dsp' });
    const deputy = buildStaffRecord({ safeguardingRole: 'deputy-dsp' });
    const group = buildStaffRecord({ onlineSafetyGroup: true });
    const leader = buildStaffRecord({ seniorLeader: true });
    const filtering = buildStaffRecord({ filteringLead: true });
    const everyone = [teacher, dsp, deputy, group, leader, filtering];
    const members = (audience: RequirementRecord['audience']): StaffRecord[] =>
      everyone.filter((member) => isInAudience(audience, member));

    it('takes in every member for all-staff', () => {
      expect(members('all-staff')).toEqual(everyone);
    });

    it('takes in the DSP and deputies only for dsp-and-deputies', () => {
      expect(members('dsp-and-deputies')).toEqual([dsp, deputy]);
    });

    it('takes in each role for its named audience', () => {
      expect(members('online-safety-group')).toEqual([group]);
      expect(members('senior-leaders')).toEqual([leader]);
      expect(members('filtering-leads')).toEqual([filtering]);
    });

    it('takes in a member with any role of a custom list', () => {
      expect(members(['filtering-lead', 'senior-leader'])).toEqual([leader, filtering]);
      expect(members(['deputy-dsp'])).toEqual([deputy]);
      expect(members(['dsp', 'online-safety-group'])).toEqual([dsp, group]);
      expect(members([])).toEqual([]);
    });
  });

  describe(worstStatus.name, () => {
    it('orders induction-overdue, never, lapsed, induction-due, due-soon, current', () => {
      expect(worstStatus(['current', 'induction-overdue', 'never'])).toBe('induction-overdue');
      expect(worstStatus(['lapsed', 'never'])).toBe('never');
      expect(worstStatus(['induction-due', 'lapsed'])).toBe('lapsed');
      expect(worstStatus(['due-soon', 'induction-due'])).toBe('induction-due');
      expect(worstStatus(['current', 'due-soon'])).toBe('due-soon');
      expect(worstStatus(['current'])).toBe('current');
    });
  });

  describe(requirementStanding.name, () => {
    const member = buildStaffRecord({ startDate: '2020-09-01' });

    it('applies the annual cap: a 24-month DSP-advanced course counts 12 months for online safety', () => {
      const course = buildCompletionRecord({
        staffId: member.id,
        topics: ['dsp-advanced', 'online-safety'],
        completedOn: '2025-11-28',
        expiresOn: '2027-11-28',
        validityMonths: 24,
      });
      const onlineSafety = byCode('online-safety');
      const dspAdvanced = byCode('dsp-advanced');
      expect(requirementStanding(member, [course], onlineSafety, settings, TODAY)).toMatchObject({
        status: 'due-soon',
        expiresOn: '2026-11-28',
      });
      // The cap day: expiring today no longer counts.
      expect(requirementStanding(member, [course], onlineSafety, settings, '2026-11-28').status).toBe('lapsed');
      expect(requirementStanding(member, [course], dspAdvanced, settings, '2026-11-28')).toMatchObject({
        status: 'current',
        expiresOn: '2027-11-28',
      });
    });

    it('caps at the school’s annual refresh months as they are set now', () => {
      const course = buildCompletionRecord({
        staffId: member.id,
        topics: ['online-safety'],
        completedOn: '2026-01-10',
        expiresOn: '2027-01-10',
      });
      const sixMonthly = buildSettings({ annualRefreshMonths: 6 });
      expect(requirementStanding(member, [course], byCode('online-safety'), sixMonthly, TODAY)).toMatchObject({
        status: 'lapsed',
        expiresOn: '2026-07-10',
      });
    });

    it('needs every topic, by one course or several, and expires with the earliest', () => {
      const both = requirement({ topics: ['online-safety', 'osh-response'] });
      const onlineSafety = buildCompletionRecord({ staffId: member.id, courseId: 1, expiresOn: '2027-03-01' });
      const response = buildCompletionRecord({
        staffId: member.id,
        courseId: 2,
        topics: ['osh-response'],
        expiresOn: '2027-02-01',
      });
      expect(requirementStanding(member, [onlineSafety], both, settings, TODAY)).toMatchObject({
        status: 'never',
        expiresOn: null,
      });
      expect(requirementStanding(member, [onlineSafety, response], both, settings, TODAY)).toMatchObject({
        status: 'current',
        expiresOn: '2027-02-01',
        satisfiedBy: [onlineSafety, response],
      });
    });

    it('names one completion once when it covers several topics', () => {
      const course = buildCompletionRecord({ staffId: member.id, topics: ['online-safety', 'osh-response'] });
      const both = requirement({ topics: ['online-safety', 'osh-response'] });
      expect(requirementStanding(member, [course], both, settings, TODAY).satisfiedBy).toEqual([course]);
    });

    describe('new starters', () => {
      const starter = buildStaffRecord({ startDate: '2026-10-28' });

      it('owes induction training where the requirement has induction, up to the last day of the window', () => {
        expect(requirementStanding(starter, [], requirement({ induction: true }), settings, TODAY).status).toBe(
          'induction-due',
        );
        expect(requirementStanding(starter, [], requirement({ induction: true }), settings, '2026-11-28').status).toBe(
          'induction-overdue',
        );
      });

      it('is never, not induction, where the requirement has no induction', () => {
        expect(requirementStanding(starter, [], requirement({ induction: false }), settings, TODAY).status).toBe(
          'never',
        );
      });

      it('does not meet induction with prior training, even when dated since the start', () => {
        const prior = buildCompletionRecord({
          staffId: starter.id,
          completedOn: '2026-10-28',
          expiresOn: '2026-11-01',
          prior: true,
        });
        const since = { ...prior, prior: false };
        const induction = requirement({ induction: true });
        expect(requirementStanding(starter, [prior], induction, settings, TODAY).status).toBe('induction-due');
        expect(requirementStanding(starter, [since], induction, settings, TODAY).status).toBe('lapsed');
      });

      it('counts current prior training for currency', () => {
        const prior = buildCompletionRecord({
          staffId: starter.id,
          completedOn: '2026-06-01',
          expiresOn: '2027-06-01',
          prior: true,
        });
        expect(requirementStanding(starter, [prior], requirement({ induction: true }), settings, TODAY).status).toBe(
          'current',
        );
      });
    });

    describe('academic-year basis', () => {
      const academic = buildSettings({ expiryBasis: 'academic-year', academicYearGraceDays: 30 });
      const july = buildCompletionRecord({ staffId: member.id, completedOn: '2026-07-10', expiresOn: '2027-07-10' });

      it('counts until the end of the academic year plus grace, not on the grace day itself', () => {
        const onlineSafety = byCode('online-safety');
        expect(requirementStanding(member, [july], onlineSafety, academic, '2026-09-29')).toMatchObject({
          status: 'due-soon',
          expiresOn: '2026-09-30',
        });
        expect(requirementStanding(member, [july], onlineSafety, academic, '2026-09-30').status).toBe('lapsed');
        expect(requirementStanding(member, [july], onlineSafety, settings, '2026-09-30').status).toBe('current');
      });
    });
  });

  describe(standingOf.name, () => {
    it('gives each requirement that applies, and the worst of them as the overall status', () => {
      const leader = buildStaffRecord({ seniorLeader: true });
      const trained = buildCompletionRecord({
        staffId: leader.id,
        topics: ['online-safety', 'osh-response', 'safeguarding'],
      });
      const standing = standingOf(leader, [trained], settings, TODAY, DEFAULT_REQUIREMENTS);
      expect(standing.status).toBe('current');
      expect(standing.overallStatus).toBe('never');
      expect(Object.fromEntries(standing.requirements.map((own) => [own.requirement.code, own.status]))).toEqual({
        'online-safety': 'current',
        'osh-response': 'current',
        safeguarding: 'current',
        'filtering-monitoring': 'never',
      });
    });

    it('keeps the headline online-safety status whatever the school’s own requirements say', () => {
      const member = buildStaffRecord();
      const standing = standingOf(member, [], settings, TODAY, []);
      expect(standing).toMatchObject({ status: 'never', overallStatus: 'never', requirements: [] });
    });
  });
});
