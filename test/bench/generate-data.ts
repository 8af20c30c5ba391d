import { DEFAULT_REQUIREMENTS } from '../../src/compliance/default-requirements';
import { toColumns } from '../../src/requirements/requirement-defaults';
import 'reflect-metadata';
import * as bcrypt from 'bcryptjs';
import { rmSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../src/config/app.config';
import { addDays, addMonths } from '../../src/common/day';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { BENCH_PASSWORD, BENCH_TODAY, readOptions } from './bench-options';

/**
 * Fills an empty database with an all-Wales-sized instance: schools with realistic
 * staff (leavers, new starters, a DSP and a deputy), a shared catalogue plus an in-house
 * course each, about twenty completions per member over five years, and needs audits.
 * Bulk inserts in one transaction keep it near a minute on SQLite.
 */
const options = readOptions({
  schools: '1500',
  staffPerSchool: '50',
  database: 'sqlite:data/bench.sqlite',
  completionsPerStaff: '24',
});

// A small deterministic generator, so every run builds the same instance.
let seed = 20261127;
function random(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];

const SHARED_COURSES = [
  {
    title: 'Keeping safe online: online safety for education practitioners',
    topics: ['online-safety', 'osh-response'],
    induction: true,
    validityMonths: 12,
    reviewed: -4,
  },
  {
    title: 'Responding to online sexual harassment between learners',
    topics: ['online-safety', 'osh-response'],
    induction: false,
    validityMonths: 12,
    reviewed: -6,
  },
  {
    title: 'Safeguarding and child protection (all staff)',
    topics: ['safeguarding'],
    induction: true,
    validityMonths: 12,
    reviewed: -8,
  },
  {
    title: 'DSP advanced: online safety and harmful sexual behaviour',
    topics: ['dsp-advanced', 'online-safety', 'osh-response'],
    induction: false,
    validityMonths: 24,
    reviewed: -10,
  },
  {
    title: 'Filtering and monitoring for school leaders',
    topics: ['filtering-monitoring'],
    induction: false,
    validityMonths: 12,
    reviewed: -3,
  },
  {
    title: 'E-safety basics (2019 edition)',
    topics: ['online-safety'],
    induction: false,
    validityMonths: 12,
    reviewed: -84,
    retired: true,
  },
];

type Row = Record<string, string | number | boolean | null>;

// Parents before children, so foreign keys always find their row.
const TABLE_ORDER = [
  'school',
  'training_requirement',
  'course',
  'staff_member',
  'completion',
  'needs_audit',
  'app_user',
];

class BulkWriter {
  private readonly pending = new Map<string, Row[]>(TABLE_ORDER.map((table) => [table, []]));
  constructor(private readonly dataSource: DataSource) {}

  async add(table: string, row: Row): Promise<void> {
    const rows = this.pending.get(table)!;
    rows.push(row);
    if (rows.length >= 500) await this.flushAll();
  }

  async flushAll(): Promise<void> {
    for (const table of TABLE_ORDER) await this.flush(table);
  }

  private async flush(table: string): Promise<void> {
    const rows = this.pending.get(table) ?? [];
    if (rows.length === 0) return;
    this.pending.set(table, []);
    const columns = Object.keys(rows[0]);
    const postgres = this.dataSource.options.type === 'postgres';
    const values: unknown[] = [];
    const tuples = rows.map(
      (row) =>
        `(${columns
          .map((column) => {
            values.push(typeof row[column] === 'boolean' && !postgres ? Number(row[column]) : row[column]);
            return postgres ? `$${values.length}` : '?';
          })
          .join(',')})`,
    );
    await this.dataSource.query(
      `INSERT INTO ${table} (${columns.map((column) => `"${column}"`).join(',')}) VALUES ${tuples.join(',')}`,
      values,
    );
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const database = parseDatabaseUrl(options.database);
  if (database.type === 'sqlite') rmSync(database.path, { force: true });
  const dataSource = await new DataSource({ ...dataSourceOptions(database), migrationsRun: false }).initialize();
  await dataSource.runMigrations();
  if (database.type === 'postgres') {
    await dataSource.query(
      'TRUNCATE change_log, reminder, compliance_snapshot, training_requirement, app_user, ' +
        'needs_audit, latest_completion, completion, course, staff_member, school RESTART IDENTITY CASCADE',
    );
  }
  const schools = Number(options.schools);
  const staffPerSchool = Number(options.staffPerSchool);
  const completionsPerStaff = Number(options.completionsPerStaff);
  const writer = new BulkWriter(dataSource);
  const passwordHash = bcrypt.hashSync(BENCH_PASSWORD, 10);
  const recordedAt = `${BENCH_TODAY}T08:00:00.000Z`;
  await dataSource.query('BEGIN');

  for (const course of SHARED_COURSES) {
    await writer.add('course', {
      schoolId: null,
      title: course.title,
      provider: 'Hwb',
      url: null,
      topics: JSON.stringify(course.topics),
      induction: course.induction,
      validityMonths: course.validityMonths,
      contentReviewedOn: addMonths(BENCH_TODAY, course.reviewed),
      retired: Boolean(course.retired),
    });
  }
  await writer.flushAll();
  const sharedIds = SHARED_COURSES.map((_course, index) => index + 1);
  const validity = new Map(SHARED_COURSES.map((course, index) => [index + 1, course.validityMonths]));
  let staffId = 0;
  let courseId = SHARED_COURSES.length;
  let completions = 0;
  for (let school = 1; school <= schools; school += 1) {
    await writer.add('school', {
      name: `Ysgol ${school}`,
      kind: school % 10 === 0 ? 'college' : 'school',
      annualRefreshMonths: 12,
      inductionWindowDays: 30,
      dueSoonDays: 30,
      coverageThresholdPercent: 90,
      reminderOffsetsDays: JSON.stringify([30, 7, 0]),
      coordinatorCopyAfterDays: 28,
      trainingCoordinatorId: null,
      filteringReviewedOn: addDays(BENCH_TODAY, -Math.floor(random() * 500)),
      governorsSeeNames: false,
    });
    // Every school has the five default requirements, as a new school does.
    for (const { code, ...requirement } of DEFAULT_REQUIREMENTS) {
      const columns = toColumns(requirement);
      await writer.add('training_requirement', {
        schoolId: school,
        code,
        ...columns,
        audience: JSON.stringify(columns.audience),
        topics: JSON.stringify(columns.topics),
      });
    }
    await writer.flushAll();
    courseId += 1;
    const inHouse = courseId;
    validity.set(inHouse, 12);
    await writer.add('course', {
      schoolId: school,
      title: `In-house online safety briefing ${school}`,
      provider: 'In-house',
      url: null,
      topics: JSON.stringify(['online-safety']),
      induction: false,
      validityMonths: 12,
      contentReviewedOn: addMonths(BENCH_TODAY, -Math.floor(random() * 30)),
      retired: false,
    });
    for (let member = 1; member <= staffPerSchool; member += 1) {
      staffId += 1;
      const newStarter = member > staffPerSchool - 2;
      const startDate = newStarter
        ? addDays(BENCH_TODAY, -Math.floor(random() * 90))
        : addDays(BENCH_TODAY, -365 * 2 - Math.floor(random() * 3000));
      const leftOn = member === 3 ? addDays(BENCH_TODAY, -Math.floor(random() * 200)) : null;
      await writer.add('staff_member', {
        schoolId: school,
        name: `Member ${school}-${member}`,
        email: `m${school}-${member}@bench.test`,
        jobTitle: pick(['Class teacher', 'Teaching assistant', 'Cook', 'Caretaker']),
        startDate,
        leftOn,
        safeguardingRole: member === 1 ? 'dsp' : member === 2 ? 'deputy-dsp' : 'none',
        onlineSafetyGroup: member <= 4,
        seniorLeader: member <= 2 || member === 5,
        filteringLead: member === 6,
        language: random() < 0.3 ? 'cy' : 'en',
      });
      // Roughly yearly training since starting, most of it online safety.
      const taken = new Set<string>();
      for (let index = 0; index < (newStarter ? Math.floor(random() * 2) : completionsPerStaff); index += 1) {
        const completedOn = addDays(BENCH_TODAY, -Math.floor(random() * 1800) - 1);
        if (completedOn < startDate) continue;
        const course = random() < 0.15 ? inHouse : pick(member <= 2 ? sharedIds : sharedIds.slice(0, 3));
        if (taken.has(`${course}|${completedOn}`)) continue;
        taken.add(`${course}|${completedOn}`);
        await writer.add('completion', {
          staffId,
          courseId: course,
          completedOn,
          expiresOn: addMonths(completedOn, validity.get(course)!),
          evidence: `CERT-${staffId}-${index}`,
          recordedById: null,
          recordedAt,
        });
        completions += 1;
      }
      if (random() < 0.8) {
        await writer.add('needs_audit', {
          staffId,
          auditedOn: addDays(BENCH_TODAY, -Math.floor(random() * 500)),
          auditedById: null,
          needs: JSON.stringify(random() < 0.2 ? [{ topic: 'osh-response', note: null }] : []),
          recordedAt,
        });
      }
    }
    await writer.add('app_user', {
      email: `dsp${school}@bench.test`,
      passwordHash,
      role: 'dsp',
      schoolId: school,
      staffId: null,
    });
  }
  await writer.add('app_user', {
    email: 'admin@bench.test',
    passwordHash,
    role: 'admin',
    schoolId: null,
    staffId: null,
  });
  await writer.flushAll();
  await dataSource.query('COMMIT');
  // Fresh statistics let the query planner use the indexes.
  await dataSource.query(database.type === 'postgres' ? 'ANALYZE' : 'ANALYZE');
  await dataSource.destroy();
  console.log(
    `Generated ${schools} schools, ${staffId} staff, ${completions} completions in ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s into ${options.database}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
