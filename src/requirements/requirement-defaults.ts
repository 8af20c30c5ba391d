import { EntityManager } from 'typeorm';
import { RequirementRecord } from '../compliance/compliance.types';
import { DEFAULT_REQUIREMENTS } from '../compliance/default-requirements';
import { TrainingRequirement } from './training-requirement.entity';

/** The stored form of a requirement record. */
export function toColumns(
  record: Omit<RequirementRecord, 'code'>,
): Pick<
  TrainingRequirement,
  'titleEn' | 'titleCy' | 'audience' | 'topics' | 'refreshMonths' | 'followsAnnualRefresh' | 'induction'
> {
  return {
    titleEn: record.titleEn,
    titleCy: record.titleCy,
    audience: record.audience,
    topics: record.topics,
    refreshMonths: record.refreshMonths === 'annual' ? null : record.refreshMonths,
    followsAnnualRefresh: record.refreshMonths === 'annual',
    induction: record.induction,
  };
}

/** Every new school starts with the guidance's five requirements (inside the caller's transaction). */
export async function insertDefaultRequirements(manager: EntityManager, schoolId: number): Promise<void> {
  await manager.insert(
    TrainingRequirement,
    DEFAULT_REQUIREMENTS.map(({ code, ...record }) => ({ schoolId, code, ...toColumns(record) })),
  );
}
