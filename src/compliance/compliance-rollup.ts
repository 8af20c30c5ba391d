import { Day } from '../common/day';
import type { ComplianceRollupRowDto, RequirementFiguresDto } from './compliance.dto';
import { buildComplianceReport } from './compliance-report';
import { ComplianceSettings, RequirementSummary } from './compliance.types';
import { SchoolRecordsAnswer, schoolRecordsFrom } from './school-records.assemble';

/** A school as the roll-up needs it: plain data, so that it can be handed to a worker thread. */
export interface RollupSchool {
  id: number;
  name: string;
  settings: ComplianceSettings;
}

/**
 * The roll-up's rows for some schools, from the loader's answer for them: the same
 * report, worked out by the same rules, as each school's own summary. Pure, and so
 * run off the main thread (see `RollupWorkers`).
 */
export function rollupRows(schools: RollupSchool[], answer: SchoolRecordsAnswer, today: Day): ComplianceRollupRowDto[] {
  const records = schoolRecordsFrom(schools, answer);
  return schools.map((school) => {
    const report = buildComplianceReport(records.get(school.id)!, today);
    return {
      schoolId: school.id,
      schoolName: school.name,
      asOf: report.asOf,
      activeStaff: report.activeStaff,
      percentCurrent: report.percentCurrent,
      counts: report.counts,
      requirements: report.requirements.map(requirementFigures),
      concerns: report.concerns.map((concern) => concern.code),
    };
  });
}

export function requirementFigures(summary: RequirementSummary): RequirementFiguresDto {
  return {
    code: summary.requirement.code,
    title: summary.requirement.titleEn,
    titleCy: summary.requirement.titleCy,
    applies: summary.applies,
    counts: summary.counts,
    percentCurrent: summary.percentCurrent,
  };
}
