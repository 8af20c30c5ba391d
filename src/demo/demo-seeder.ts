import { BCRYPT_ROUNDS } from '../auth/password-policy';
import * as bcrypt from 'bcryptjs';
import { readFileSync } from 'node:fs';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, addMonths, Day } from '../common/day';
import { projectPath } from '../common/project-path';
import { CertificateStore } from '../completions/certificate.store';
import { Completion } from '../completions/completion.entity';
import { buildComplianceReport } from '../compliance/compliance-report';
import { snapshotRequirements } from '../compliance/compliance-history.service';
import { ComplianceSnapshot } from '../compliance/compliance-snapshot.entity';
import { SchoolRecordsLoader } from '../compliance/school-records.loader';
import { Course, Topic } from '../courses/course.entity';
import { NeedsAudit } from '../needs-audits/needs-audit.entity';
import { insertDefaultRequirements, toColumns } from '../requirements/requirement-defaults';
import { TrainingRequirement } from '../requirements/training-requirement.entity';
import { RequirementRecord } from '../compliance/compliance.types';
import { DEFAULT_SETTINGS, School } from '../schools/school.entity';
import { Language } from '../common/language';
import { SafeguardingRole, StaffMember } from '../staff/staff-member.entity';
import { Role, User } from '../users/user.entity';
import { demoCertificatePdf } from './demo-certificate';

interface DemoData {
  school: {
    name: string;
    kind: 'school' | 'college';
    filteringReviewedOn: string;
    trainingCoordinator: string;
    governorsSeeNames: boolean;
  };
  courses: {
    key: string;
    title: string;
    titleCy?: string;
    provider: string;
    url?: string;
    topics: Topic[];
    induction: boolean;
    validityMonths: number;
    contentReviewedOn: string;
    retired?: boolean;
    inHouse?: boolean;
  }[];
  staff: {
    key: string;
    name: string;
    email: string;
    jobTitle: string;
    startDate: string;
    leftOn?: string;
    safeguardingRole: SafeguardingRole;
    onlineSafetyGroup: boolean;
    seniorLeader?: boolean;
    filteringLead?: boolean;
    language: Language;
    completions: {
      course: string;
      completedOn: string;
      evidence: string;
      /** A self-report still waiting for the DSP (default: verified). */
      verification?: 'pending';
      /** Training from a previous employer, before the start date. */
      prior?: boolean;
      /** Attach a generated PDF certificate. */
      certificate?: boolean;
    }[];
  }[];
  /** The school's own requirements, added to the five defaults. */
  requirements: RequirementRecord[];
  needsAudits: { staff: string; auditedOn: string; needs: { topic: Topic; note: string }[] }[];
  users: { email: string; role: Role; staff?: string }[];
  password: string;
}

export interface DemoLogin {
  email: string;
  role: Role;
  password: string;
}

const DEMO_FILE = projectPath('seeds', 'demo-school.json');

/** The demo's published sign-ins: a production server refuses to start while one of them can sign in. */
export function demoAccountEmails(): string[] {
  return readDemoData().users.map((user) => user.email);
}

/** Reads `-3m`, `-10d`, `-2y` as offsets from today, so the demo never goes stale. */
export function resolveOffset(offset: string, today: Day): Day {
  const match = /^([+-]\d+)([dmy])$/.exec(offset);
  if (!match) throw new Error(`Bad date offset in demo data: ${offset}`);
  const amount = Number(match[1]);
  if (match[2] === 'd') return addDays(today, amount);
  return addMonths(today, match[2] === 'm' ? amount : amount * 12);
}

function readDemoData(): DemoData {
  return JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as DemoData;
}

/**
 * Loads the fictional demo school, in one transaction, if the database has no school
 * yet. Several servers starting at once take turns (an advisory lock on PostgreSQL, the
 * write lock on SQLite), so only the first loads it. Returns the demo logins, or none.
 */
export async function seedDemoSchool(dataSource: DataSource, today: Day): Promise<DemoLogin[]> {
  const data = readDemoData();
  const at = (offset: string) => resolveOffset(offset, today);
  const recordedAt = `${today}T08:00:00.000Z`;
  const seeded = await dataSource.transaction(async (manager) => {
    if (dataSource.options.type === 'postgres') await manager.query('SELECT pg_advisory_xact_lock(20261127)');
    // On SQLite a write first takes the write lock, so a second server waits here and then sees the school.
    else await manager.query('DELETE FROM school WHERE 1 = 0');
    if ((await manager.count(School)) > 0) return false;
    const school = await manager.save(
      manager.create(School, {
        name: data.school.name,
        kind: data.school.kind,
        filteringReviewedOn: at(data.school.filteringReviewedOn),
        governorsSeeNames: data.school.governorsSeeNames,
        reminderOffsetsDays: [...DEFAULT_SETTINGS.reminderOffsetsDays],
      }),
    );
    await insertDefaultRequirements(manager, school.id);
    for (const { code, ...requirement } of data.requirements)
      await manager.insert(TrainingRequirement, { schoolId: school.id, code, ...toColumns(requirement) });
    const courses = await saveCourses(manager, data, school.id, at);
    const staff = new Map<string, StaffMember>();
    for (const member of data.staff) {
      const { key, completions, startDate, leftOn, ...fields } = member;
      staff.set(
        key,
        await manager.save(
          manager.create(StaffMember, {
            ...fields,
            schoolId: school.id,
            startDate: at(startDate),
            leftOn: leftOn ? at(leftOn) : null,
          }),
        ),
      );
    }
    const certificates = new CertificateStore(dataSource);
    for (const member of data.staff) {
      for (const completion of member.completions) {
        const course = courses.get(completion.course)!;
        const completedOn = at(completion.completedOn);
        const verification = completion.verification ?? 'verified';
        const { identifiers } = await manager.insert(Completion, {
          staffId: staff.get(member.key)!.id,
          courseId: course.id,
          completedOn,
          expiresOn: addMonths(completedOn, course.validityMonths),
          evidence: completion.evidence,
          recordedAt,
          verification,
          prior: completion.prior ?? false,
          verifiedAt: verification === 'verified' ? recordedAt : null,
        });
        if (completion.certificate) {
          const pdf = demoCertificatePdf([
            'Certificate of completion',
            member.name,
            course.title,
            `Completed on ${completedOn}`,
            `Reference ${completion.evidence}`,
          ]);
          const kind = { contentType: 'application/pdf', extension: 'pdf' } as const;
          await certificates.save(manager, Number(identifiers[0].id), kind, pdf, null, recordedAt);
        }
      }
    }
    for (const audit of data.needsAudits) {
      await manager.insert(NeedsAudit, {
        staffId: staff.get(audit.staff)!.id,
        auditedOn: at(audit.auditedOn),
        needs: audit.needs,
        recordedAt,
      });
    }
    await manager.update(
      School,
      { id: school.id },
      { trainingCoordinatorId: staff.get(data.school.trainingCoordinator)!.id },
    );
    const passwordHash = await bcrypt.hash(data.password, BCRYPT_ROUNDS);
    for (const user of data.users) {
      await manager.insert(User, {
        email: user.email,
        passwordHash,
        role: user.role,
        schoolId: user.role === 'admin' ? null : school.id,
        staffId: user.staff ? staff.get(user.staff)!.id : null,
      });
    }
    return true;
  });
  if (!seeded) return [];
  await seedHistory(dataSource, today);
  return data.users.map((user) => ({ email: user.email, role: user.role, password: data.password }));
}

/**
 * A real trend for the governors' chart: the school's figures worked out for every
 * fortnight of the last six months, from only what had happened by each date.
 */
async function seedHistory(dataSource: DataSource, today: Day): Promise<void> {
  const loader = new SchoolRecordsLoader(dataSource);
  for (const school of await dataSource.getRepository(School).find()) {
    for (let weeksAgo = 26; weeksAgo >= 2; weeksAgo -= 2) {
      const day = addDays(today, -7 * weeksAgo);
      // The loader reads the records as of that day: a later retake does not hide an earlier completion.
      const report = buildComplianceReport(await loader.load(school, day), day);
      await dataSource.getRepository(ComplianceSnapshot).insert({
        schoolId: school.id,
        takenOn: day,
        activeStaff: report.activeStaff,
        percentCurrent: report.percentCurrent,
        counts: report.counts,
        requirements: snapshotRequirements(report),
        concernCodes: report.concerns.map((concern) => concern.code),
      });
    }
  }
}

async function saveCourses(
  manager: EntityManager,
  data: DemoData,
  schoolId: number,
  at: (offset: string) => Day,
): Promise<Map<string, Course>> {
  const courses = new Map<string, Course>();
  for (const { key, inHouse, contentReviewedOn, ...fields } of data.courses) {
    const course = manager.create(Course, {
      ...fields,
      url: fields.url ?? null,
      titleCy: fields.titleCy ?? null,
      schoolId: inHouse ? schoolId : null,
      contentReviewedOn: at(contentReviewedOn),
    });
    courses.set(key, await manager.save(course));
  }
  return courses;
}
