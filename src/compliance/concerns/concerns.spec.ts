import {
  buildAuditRecord,
  buildCompletionRecord,
  buildRecords,
  buildSettings,
  buildStaffRecord,
} from '../../../test/factories/compliance-records.factory';
import { buildComplianceReport } from '../compliance-report';
import { DEFAULT_REQUIREMENTS } from '../default-requirements';
import { Topic } from '../../courses/course.entity';
import { CompletionRecord, ConcernCode, SchoolRecords, StaffRecord } from '../compliance.types';
import { inductionGapConcern, lowCoverageConcern, notAnnualConcern, untrainedStaffConcern } from './coverage.concerns';
import { findConcerns, SEVERITY_ORDER } from './index';
import {
  dspTrainingConcern,
  noCoordinatorConcern,
  noOnlineSafetyLeadConcern,
  singleExpertConcern,
} from './leadership.concerns';
import { filteringReviewConcern, needsUnmetConcern, outdatedMaterialsConcern } from './quality.concerns';

const TODAY = '2026-11-27';

/** A school where nothing is wrong: every rule below breaks exactly one thing. */
function healthySchool(): SchoolRecords & { dsp: StaffRecord; deputy: StaffRecord; teachers: StaffRecord[] } {
  const dsp = buildStaffRecord({ safeguardingRole: 'dsp' });
  const deputy = buildStaffRecord({ safeguardingRole: 'deputy-dsp' });
  const teachers = Array.from({ length: 8 }, () => buildStaffRecord());
  const staff = [dsp, deputy, ...teachers];
  const completions: CompletionRecord[] = [
    // One whole-staff course covers the three all-staff requirements.
    ...staff.map((member) =>
      buildCompletionRecord({
        staffId: member.id,
        topics: ['online-safety', 'osh-response', 'safeguarding'],
        completedOn: '2026-06-01',
        expiresOn: '2027-06-01',
      }),
    ),
    ...[dsp, deputy].map((member) =>
      buildCompletionRecord({
        staffId: member.id,
        courseId: 2,
        topics: ['dsp-advanced'],
        completedOn: '2026-01-10',
        expiresOn: '2028-01-10',
        validityMonths: 24,
      }),
    ),
  ];
  const audits = staff.map((member) => buildAuditRecord({ staffId: member.id, auditedOn: '2026-05-01' }));
  return {
    settings: buildSettings({ trainingCoordinatorId: dsp.id }),
    staff,
    completions,
    audits,
    requirements: [...DEFAULT_REQUIREMENTS],
    dsp,
    deputy,
    teachers,
  };
}

function codes(records: SchoolRecords, today = TODAY): ConcernCode[] {
  return buildComplianceReport(records, today).concerns.map((concern) => concern.code);
}

function concernOf(records: SchoolRecords, code: ConcernCode) {
  return buildComplianceReport(records, TODAY).concerns.find((concern) => concern.code === code);
}

/** The school's completions less the member's ones covering `topic` (all of theirs without one). */
function withoutCompletions(records: SchoolRecords, staffId: number, topic?: Topic): CompletionRecord[] {
  return records.completions.filter(
    (completion) => completion.staffId !== staffId || (topic !== undefined && !completion.topics.includes(topic)),
  );
}

/** The eleven concerns of the specification's table. */
const SPEC_CONCERNS: ConcernCode[] = [
  'dsp-training',
  'no-online-safety-lead',
  'low-coverage',
  'untrained-staff',
  'not-annual',
  'needs-unmet',
  'outdated-materials',
  'no-coordinator',
  'induction-gap',
  'filtering-review',
  'single-expert',
];

/** A school where every concern of the specification holds at once. */
function troubledSchool(): SchoolRecords {
  const dsp = buildStaffRecord({ safeguardingRole: 'dsp' });
  const never = buildStaffRecord();
  const lapsed = buildStaffRecord();
  const outdated = buildStaffRecord();
  const starter = buildStaffRecord({ startDate: '2026-09-01' });
  return buildRecords({
    settings: buildSettings({ trainingCoordinatorId: null, filteringReviewedOn: null }),
    staff: [dsp, never, lapsed, outdated, starter],
    completions: [
      buildCompletionRecord({ staffId: lapsed.id, completedOn: '2025-01-10', expiresOn: '2026-01-10' }),
      buildCompletionRecord({ staffId: outdated.id, courseContentReviewedOn: '2024-01-01' }),
    ],
  });
}

describe(findConcerns.name, () => {
  it('raises nothing for a healthy school', () => {
    expect(codes(healthySchool())).toEqual([]);
  });

  it('gives each concern a severity, an attributed guidance quote and what to do', () => {
    const { concerns } = buildComplianceReport(troubledSchool(), TODAY);
    expect(concerns.map((concern) => concern.code)).toEqual(expect.arrayContaining(SPEC_CONCERNS));
    for (const concern of concerns) {
      expect(Object.keys(SEVERITY_ORDER)).toContain(concern.severity);
      expect(concern.guidance).toMatch(/^“.+” — Welsh Government and Childnet/);
      expect(concern.action.length).toBeGreaterThan(10);
    }
  });

  it('lists the most severe first', () => {
    const ranks = buildComplianceReport(troubledSchool(), TODAY).concerns.map(
      (concern) => SEVERITY_ORDER[concern.severity],
    );
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks)).toEqual(new Set([0, 1, 2]));
  });

  describe(dspTrainingConcern.name, () => {
    it('is raised when the DSP lacks current dsp-advanced training', () => {
      const school = healthySchool();
      school.completions = school.completions.map((completion) =>
        completion.staffId === school.dsp.id && completion.topics.includes('dsp-advanced')
          ? { ...completion, expiresOn: TODAY }
          : completion,
      );
      expect(concernOf(school, 'dsp-training')?.staffIds).toEqual([school.dsp.id]);
    });

    it('is raised when a deputy lacks current online-safety training', () => {
      const school = healthySchool();
      school.completions = withoutCompletions(school, school.deputy.id, 'online-safety');
      expect(concernOf(school, 'dsp-training')?.staffIds).toEqual([school.deputy.id]);
    });

    it('is raised when the school has no active DSP', () => {
      const school = healthySchool();
      school.staff = school.staff.map((member) =>
        member.id === school.dsp.id ? { ...member, leftOn: '2026-11-01' } : member,
      );
      expect(codes(school)).toContain('dsp-training');
    });

    it('is not raised for a deputy who has left', () => {
      const school = healthySchool();
      const leaver = buildStaffRecord({ safeguardingRole: 'deputy-dsp', leftOn: '2026-10-01' });
      school.staff.push(leaver);
      expect(codes(school)).not.toContain('dsp-training');
    });
  });

  describe(noOnlineSafetyLeadConcern.name, () => {
    it('is raised when no DSP, deputy or group member has current online-safety training', () => {
      const school = healthySchool();
      school.completions = withoutCompletions(school, school.dsp.id, 'online-safety');
      school.completions = withoutCompletions(school, school.deputy.id, 'online-safety');
      expect(concernOf(school, 'no-online-safety-lead')?.staffIds).toEqual(
        [school.dsp.id, school.deputy.id].sort((a, b) => a - b),
      );
    });

    it('is not raised when a trained online-safety group member leads', () => {
      const school = healthySchool();
      school.completions = withoutCompletions(school, school.dsp.id, 'online-safety');
      school.completions = withoutCompletions(school, school.deputy.id, 'online-safety');
      school.staff = school.staff.map((member) =>
        member.id === school.teachers[0].id ? { ...member, onlineSafetyGroup: true } : member,
      );
      expect(codes(school)).not.toContain('no-online-safety-lead');
      expect(codes(school)).toContain('dsp-training');
    });
  });

  describe(lowCoverageConcern.name, () => {
    it('is raised below the threshold and names the untrained', () => {
      const school = healthySchool();
      school.completions = withoutCompletions(school, school.teachers[0].id);
      // 9 of 10 = 90%: not below 90.
      expect(codes(school)).not.toContain('low-coverage');
      school.completions = withoutCompletions(school, school.teachers[1].id);
      expect(concernOf(school, 'low-coverage')?.staffIds).toEqual([school.teachers[0].id, school.teachers[1].id]);
    });

    it('follows the coverage threshold setting', () => {
      const school = healthySchool();
      school.completions = withoutCompletions(school, school.teachers[0].id);
      school.settings = buildSettings({ ...school.settings, coverageThresholdPercent: 95 });
      expect(codes(school)).toContain('low-coverage');
    });

    it('counts due-soon staff as covered', () => {
      const school = healthySchool();
      school.completions = school.completions.map((completion) => ({
        ...completion,
        expiresOn: completion.topics.includes('online-safety') ? '2026-12-01' : completion.expiresOn,
      }));
      expect(codes(school)).not.toContain('low-coverage');
    });
  });

  describe(untrainedStaffConcern.name, () => {
    it('names staff never trained and new starters past the induction window', () => {
      const school = healthySchool();
      const overdue = buildStaffRecord({ startDate: '2026-10-01' });
      school.staff.push(overdue);
      school.audits.push(buildAuditRecord({ staffId: overdue.id }));
      school.completions = withoutCompletions(school, school.teachers[0].id);
      expect(concernOf(school, 'untrained-staff')?.staffIds).toEqual(
        [school.teachers[0].id, overdue.id].sort((a, b) => a - b),
      );
    });

    it('does not name a starter still inside the induction window, a leaver or a future starter', () => {
      const school = healthySchool();
      school.staff.push(
        buildStaffRecord({ startDate: '2026-11-20' }),
        buildStaffRecord({ startDate: '2026-12-01' }),
        buildStaffRecord({ startDate: '2019-01-01', leftOn: '2026-11-27' }),
      );
      expect(codes(school)).not.toContain('untrained-staff');
    });
  });

  describe(notAnnualConcern.name, () => {
    it('names staff whose training has lapsed', () => {
      const school = healthySchool();
      const lapsed = school.teachers[2].id;
      school.completions = school.completions.map((completion) =>
        completion.staffId === lapsed ? { ...completion, completedOn: '2025-11-27', expiresOn: TODAY } : completion,
      );
      expect(concernOf(school, 'not-annual')?.staffIds).toEqual([lapsed]);
    });

    it('follows the annual refresh setting: it decides who is still a new starter owing induction', () => {
      const school = healthySchool();
      // Started eight months ago; the only training is from a previous post and has expired.
      const joiner = buildStaffRecord({ startDate: '2026-03-27' });
      school.staff.push(joiner);
      school.audits.push(buildAuditRecord({ staffId: joiner.id }));
      school.completions.push(
        buildCompletionRecord({ staffId: joiner.id, completedOn: '2025-02-01', expiresOn: '2026-02-01' }),
      );
      // A 12-month refresh: still a new starter, so the gap is induction, not a lapse.
      expect(codes(school)).not.toContain('not-annual');
      expect(concernOf(school, 'induction-gap')?.staffIds).toEqual([joiner.id]);
      // A 6-month refresh: no longer a new starter, so the expired training has lapsed.
      school.settings = buildSettings({ ...school.settings, annualRefreshMonths: 6 });
      expect(concernOf(school, 'not-annual')?.staffIds).toEqual([joiner.id]);
      expect(codes(school)).not.toContain('induction-gap');
    });
  });

  describe(needsUnmetConcern.name, () => {
    it('names a member whose latest audit found a need no later completion covers', () => {
      const school = healthySchool();
      const member = school.teachers[3].id;
      school.audits.push(
        buildAuditRecord({ staffId: member, auditedOn: '2026-07-01', needs: [{ topic: 'osh-response', note: null }] }),
      );
      expect(concernOf(school, 'needs-unmet')?.staffIds).toEqual([member]);
    });

    it('reads the audit recorded last when two fall on the same day', () => {
      const school = healthySchool();
      const member = school.teachers[3].id;
      const need = [{ topic: 'osh-response' as Topic, note: null }];
      school.audits.push(buildAuditRecord({ staffId: member, auditedOn: '2026-07-01', needs: [] }));
      school.audits.push(buildAuditRecord({ staffId: member, auditedOn: '2026-07-01', needs: need }));
      expect(concernOf(school, 'needs-unmet')?.staffIds).toEqual([member]);
      school.audits.push(buildAuditRecord({ staffId: member, auditedOn: '2026-07-01', needs: [] }));
      expect(codes(school)).not.toContain('needs-unmet');
    });

    it('is satisfied by a completion covering the topic on the audit day or after', () => {
      const school = healthySchool();
      const member = school.teachers[3].id;
      school.audits.push(
        buildAuditRecord({ staffId: member, auditedOn: '2026-07-01', needs: [{ topic: 'osh-response', note: null }] }),
      );
      school.completions.push(
        buildCompletionRecord({
          staffId: member,
          topics: ['online-safety', 'osh-response'],
          completedOn: '2026-07-01',
          expiresOn: '2027-07-01',
        }),
      );
      expect(codes(school)).not.toContain('needs-unmet');
    });

    it('is not satisfied by a completion before the audit', () => {
      const school = healthySchool();
      const member = school.teachers[3].id;
      school.audits.push(
        buildAuditRecord({ staffId: member, auditedOn: '2026-07-01', needs: [{ topic: 'osh-response', note: null }] }),
      );
      school.completions.push(
        buildCompletionRecord({
          staffId: member,
          topics: ['osh-response'],
          completedOn: '2026-06-30',
          expiresOn: '2027-06-30',
        }),
      );
      expect(codes(school)).toContain('needs-unmet');
    });

    it('reads only the latest audit', () => {
      const school = healthySchool();
      const member = school.teachers[3].id;
      school.audits.push(
        buildAuditRecord({ staffId: member, auditedOn: '2026-03-01', needs: [{ topic: 'osh-response', note: null }] }),
      );
      expect(codes(school)).not.toContain('needs-unmet');
    });

    it('names active staff with no audit within the annual refresh period (exactly 12 months still counts)', () => {
      const school = healthySchool();
      const member = school.teachers[4].id;
      school.audits = school.audits.map((audit) =>
        audit.staffId === member ? { ...audit, auditedOn: '2025-11-27' } : audit,
      );
      expect(codes(school)).not.toContain('needs-unmet');
      school.audits = school.audits.map((audit) =>
        audit.staffId === member ? { ...audit, auditedOn: '2025-11-26' } : audit,
      );
      expect(concernOf(school, 'needs-unmet')?.staffIds).toEqual([member]);
    });
  });

  describe(outdatedMaterialsConcern.name, () => {
    it('names a counting completion from a course not reviewed in the 12 months before it', () => {
      const school = healthySchool();
      const member = school.teachers[5].id;
      school.completions.push(
        buildCompletionRecord({
          staffId: member,
          courseId: 77,
          completedOn: '2026-06-01',
          expiresOn: '2027-06-01',
          courseContentReviewedOn: '2025-05-31',
        }),
      );
      expect(concernOf(school, 'outdated-materials')).toMatchObject({ staffIds: [member], courseIds: [77] });
    });

    it('accepts content reviewed exactly 12 months before the completion', () => {
      const school = healthySchool();
      school.completions.push(
        buildCompletionRecord({
          staffId: school.teachers[5].id,
          courseId: 77,
          completedOn: '2026-06-01',
          courseContentReviewedOn: '2025-06-01',
        }),
      );
      expect(codes(school)).not.toContain('outdated-materials');
    });

    it('ignores expired completions, other topics and leavers', () => {
      const school = healthySchool();
      const leaver = buildStaffRecord({ leftOn: '2026-10-01' });
      school.staff.push(leaver);
      school.completions.push(
        buildCompletionRecord({
          staffId: school.teachers[5].id,
          courseId: 77,
          completedOn: '2025-06-01',
          expiresOn: '2026-06-01',
          courseContentReviewedOn: '2019-01-01',
        }),
        buildCompletionRecord({
          staffId: school.teachers[5].id,
          courseId: 78,
          topics: ['safeguarding'],
          courseContentReviewedOn: '2019-01-01',
        }),
        buildCompletionRecord({ staffId: leaver.id, courseId: 79, courseContentReviewedOn: '2019-01-01' }),
      );
      expect(codes(school)).not.toContain('outdated-materials');
    });

    it('covers dsp-advanced training too', () => {
      const school = healthySchool();
      school.completions.push(
        buildCompletionRecord({
          staffId: school.dsp.id,
          courseId: 80,
          topics: ['dsp-advanced'],
          courseContentReviewedOn: '2019-01-01',
        }),
      );
      expect(concernOf(school, 'outdated-materials')?.courseIds).toEqual([80]);
    });
  });

  describe(noCoordinatorConcern.name, () => {
    it('is raised when no coordinator is recorded', () => {
      const school = healthySchool();
      school.settings = buildSettings({ ...school.settings, trainingCoordinatorId: null });
      expect(concernOf(school, 'no-coordinator')?.settings).toEqual(['trainingCoordinatorId']);
    });

    it('is raised when the coordinator has left, not the day before', () => {
      const school = healthySchool();
      school.staff = school.staff.map((member) =>
        member.id === school.dsp.id ? { ...member, leftOn: '2026-11-28' } : member,
      );
      expect(codes(school)).not.toContain('no-coordinator');
      school.staff = school.staff.map((member) =>
        member.id === school.dsp.id ? { ...member, leftOn: TODAY } : member,
      );
      expect(concernOf(school, 'no-coordinator')?.staffIds).toEqual([school.dsp.id]);
    });
  });

  describe(inductionGapConcern.name, () => {
    it('is raised for a new starter past the induction window and names them', () => {
      const school = healthySchool();
      const starter = buildStaffRecord({ startDate: '2026-10-27' });
      school.staff.push(starter);
      school.audits.push(buildAuditRecord({ staffId: starter.id }));
      expect(concernOf(school, 'induction-gap')?.staffIds).toEqual([starter.id]);
    });

    it('is not raised on the last day of the window', () => {
      const school = healthySchool();
      const starter = buildStaffRecord({ startDate: '2026-10-28' });
      school.staff.push(starter);
      school.audits.push(buildAuditRecord({ staffId: starter.id }));
      expect(codes(school)).not.toContain('induction-gap');
    });
  });

  describe(filteringReviewConcern.name, () => {
    it('is raised with no review recorded', () => {
      const school = healthySchool();
      school.settings = buildSettings({ ...school.settings, filteringReviewedOn: null });
      expect(concernOf(school, 'filtering-review')?.settings).toEqual(['filteringReviewedOn']);
    });

    it('is raised when the review is more than 12 months old, not at exactly 12', () => {
      const school = healthySchool();
      school.settings = buildSettings({ ...school.settings, filteringReviewedOn: '2025-11-27' });
      expect(codes(school)).not.toContain('filtering-review');
      school.settings = buildSettings({ ...school.settings, filteringReviewedOn: '2025-11-26' });
      expect(codes(school)).toContain('filtering-review');
    });

    it('reads 29 February reviews as calendar months', () => {
      const school = healthySchool();
      school.settings = buildSettings({ ...school.settings, filteringReviewedOn: '2024-02-29' });
      expect(codes(school, '2025-02-28')).not.toContain('filtering-review');
      expect(codes(school, '2025-03-01')).toContain('filtering-review');
    });
  });

  describe(singleExpertConcern.name, () => {
    it('is raised when fewer than two active staff hold current dsp-advanced training', () => {
      const school = healthySchool();
      school.completions = withoutCompletions(school, school.deputy.id, 'dsp-advanced');
      expect(concernOf(school, 'single-expert')?.staffIds).toEqual([school.dsp.id]);
    });

    it('counts any active member, not only DSPs', () => {
      const school = healthySchool();
      school.completions = withoutCompletions(school, school.deputy.id, 'dsp-advanced');
      school.completions.push(
        buildCompletionRecord({ staffId: school.teachers[0].id, courseId: 2, topics: ['dsp-advanced'] }),
      );
      expect(codes(school)).not.toContain('single-expert');
    });
  });

  describe('requirement gaps', () => {
    /** The school's completions with `topic` taken off the member's courses. */
    function withoutTopic(records: SchoolRecords, staffId: number, topic: Topic): CompletionRecord[] {
      return records.completions.map((completion) =>
        completion.staffId === staffId
          ? { ...completion, topics: completion.topics.filter((covered) => covered !== topic) }
          : completion,
      );
    }

    it('raises osh-response-gap (high) naming the member and the requirement', () => {
      const school = healthySchool();
      const member = school.teachers[0].id;
      school.completions = withoutTopic(school, member, 'osh-response');
      expect(concernOf(school, 'osh-response-gap')).toMatchObject({
        severity: 'high',
        staffIds: [member],
        requirementCode: 'osh-response',
      });
      expect(concernOf(school, 'osh-response-gap')?.guidance).toMatch(/key question 3/);
    });

    it('raises safeguarding-gap (medium) when safeguarding training has lapsed', () => {
      const school = healthySchool();
      const member = school.teachers[1].id;
      school.completions = withoutTopic(school, member, 'safeguarding');
      school.completions.push(
        buildCompletionRecord({
          staffId: member,
          courseId: 9,
          topics: ['safeguarding'],
          completedOn: '2025-11-27',
          expiresOn: '2026-11-27',
        }),
      );
      expect(concernOf(school, 'safeguarding-gap')).toMatchObject({
        severity: 'medium',
        staffIds: [member],
        requirementCode: 'safeguarding',
      });
    });

    it('raises filtering-training-gap (medium) for an untrained senior leader or filtering lead only', () => {
      const school = healthySchool();
      const leader = school.teachers[2].id;
      school.staff = school.staff.map((member) => (member.id === leader ? { ...member, seniorLeader: true } : member));
      expect(concernOf(school, 'filtering-training-gap')).toMatchObject({
        severity: 'medium',
        staffIds: [leader],
        requirementCode: 'filtering-monitoring',
      });
      expect(concernOf(school, 'filtering-training-gap')?.guidance).toMatch(/key question 2/);
      school.completions.push(
        buildCompletionRecord({ staffId: leader, courseId: 12, topics: ['filtering-monitoring'] }),
      );
      expect(codes(school)).not.toContain('filtering-training-gap');
    });

    it('raises requirement-gap (medium) for a school’s own requirement, one per requirement', () => {
      const school = healthySchool();
      school.requirements.push({
        code: 'prevent',
        titleEn: 'Prevent duty',
        titleCy: 'Dyletswydd Prevent',
        audience: ['dsp', 'deputy-dsp'],
        topics: ['safeguarding', 'dsp-advanced'],
        refreshMonths: 24,
        induction: false,
      });
      // The DSP's and deputy's safeguarding (12 months, from June) and DSP-advanced training cover it.
      expect(codes(school)).not.toContain('requirement-gap');
      school.completions = withoutTopic(school, school.deputy.id, 'safeguarding');
      expect(concernOf(school, 'requirement-gap')).toMatchObject({
        severity: 'medium',
        staffIds: [school.deputy.id],
        requirementCode: 'prevent',
      });
    });

    it('does not name a new starter inside the induction window, and names them from the day after', () => {
      const school = healthySchool();
      const starter = buildStaffRecord({ startDate: '2026-10-28' });
      school.staff.push(starter);
      school.audits.push(buildAuditRecord({ staffId: starter.id }));
      // Safeguarding has no induction rule: the starter is `never`, but still inside the window.
      school.completions.push(
        buildCompletionRecord({ staffId: starter.id, topics: ['online-safety', 'osh-response'], completedOn: TODAY }),
      );
      expect(codes(school)).not.toContain('safeguarding-gap');
      expect(buildComplianceReport(school, '2026-11-28').concerns.map((found) => found.code)).toContain(
        'safeguarding-gap',
      );
    });

    it('raises none from a requirement that applies to nobody, nor for leavers', () => {
      const school = healthySchool();
      school.staff.push(buildStaffRecord({ filteringLead: true, leftOn: '2026-10-01' }));
      expect(codes(school)).toEqual([]);
    });

    it('leaves online safety and DSP-advanced gaps to their own concerns', () => {
      const school = healthySchool();
      school.completions = withoutTopic(school, school.teachers[0].id, 'online-safety');
      expect(codes(school)).toEqual(expect.arrayContaining(['untrained-staff']));
      expect(codes(school)).not.toContain('requirement-gap');
    });
  });
});
