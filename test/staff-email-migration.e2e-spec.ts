import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../src/config/app.config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { MIGRATIONS } from '../src/database/migrations';
import { StaffEmailPerSchool1765700000000 } from '../src/database/migrations/1765700000000-StaffEmailPerSchool';
import { isUniqueViolation } from '../src/database/unique-violation';
import { School } from '../src/schools/school.entity';
import { StaffMember } from '../src/staff/staff-member.entity';
import { Course } from '../src/courses/course.entity';
import { Completion } from '../src/completions/completion.entity';
import { dropDatabase, freshDatabaseUrl } from './utils/create-test-app';

const THIS_ONE = MIGRATIONS.indexOf(StaffEmailPerSchool1765700000000);

/** A data source over the test database with the migrations up to `count`, run when it opens. */
async function openWith(databaseUrl: string, count: number): Promise<DataSource> {
  const options = dataSourceOptions(parseDatabaseUrl(databaseUrl));
  return new DataSource({ ...options, migrations: MIGRATIONS.slice(0, count) }).initialize();
}

const member = (schoolId: number, email: string, extra: Partial<StaffMember> = {}) => ({
  schoolId,
  name: email,
  email,
  startDate: '2024-09-01',
  ...extra,
});

/** Every staff row as stored, to compare before and after. */
const staffRows = (ds: DataSource) => ds.getRepository(StaffMember).find({ order: { id: 'ASC' } });

async function insertRefused(ds: DataSource, row: ReturnType<typeof member>): Promise<boolean> {
  return ds
    .getRepository(StaffMember)
    .insert(row)
    .then(
      () => false,
      (error: unknown) => isUniqueViolation(error),
    );
}

async function foreignKeyProblems(ds: DataSource): Promise<unknown[]> {
  return ds.options.type === 'better-sqlite3' ? ds.query('PRAGMA foreign_key_check') : [];
}

describe(StaffEmailPerSchool1765700000000.name, () => {
  let databaseUrl: string;
  let ds: DataSource;
  let schoolA: number;
  let schoolB: number;

  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl();
    // A database as the version before left it, with staff, their links and their training.
    ds = await openWith(databaseUrl, THIS_ONE);
    schoolA = (await ds.getRepository(School).insert({ name: 'A', reminderOffsetsDays: [30] })).identifiers[0].id;
    schoolB = (await ds.getRepository(School).insert({ name: 'B', reminderOffsetsDays: [30] })).identifiers[0].id;
    const staff = ds.getRepository(StaffMember);
    await staff.insert(member(schoolA, 'ann@a.test', { misId: 'M-1', language: 'cy', seniorLeader: true }));
    await staff.insert(member(schoolA, 'bob@a.test', { leftOn: '2025-08-31' }));
    await staff.insert(member(schoolB, 'cai@b.test', { misId: 'M-1', filteringLead: true }));
    const [ann] = await staff.findBy({ email: 'ann@a.test' });
    await ds.getRepository(School).update({ id: schoolA }, { trainingCoordinatorId: ann.id });
    // Plain SQL: app_user gains columns in later migrations, which the entity already names.
    await ds.query(
      `INSERT INTO app_user (email, "passwordHash", role, "schoolId", "staffId")
       VALUES ('ann@a.test', 'x', 'staff', ${schoolA}, ${ann.id})`,
    );
    const course = await ds.getRepository(Course).insert({
      title: 'Keeping safe online',
      topics: ['online-safety'],
      validityMonths: 12,
      contentReviewedOn: '2026-01-01',
    });
    await ds.getRepository(Completion).insert({
      staffId: ann.id,
      courseId: course.identifiers[0].id as number,
      completedOn: '2026-01-10',
      expiresOn: '2027-01-10',
      recordedAt: '2026-01-10T10:00:00Z',
    });
    expect(await insertRefused(ds, member(schoolB, 'ann@a.test'))).toBe(true);
    await ds.destroy();
  });
  afterAll(() => dropDatabase(databaseUrl));

  it('up keeps every row, column, index and link, and allows one email at two schools but not twice in one', async () => {
    const before = await openWith(databaseUrl, THIS_ONE);
    const rowsBefore = await staffRows(before);
    await before.destroy();

    ds = await openWith(databaseUrl, THIS_ONE + 1);
    expect(await staffRows(ds)).toEqual(rowsBefore);
    expect(rowsBefore.map((row) => row.misId)).toEqual(['M-1', null, 'M-1']);
    expect(await foreignKeyProblems(ds)).toEqual([]);
    await expect(ds.getRepository(School).findOneBy({ id: schoolA })).resolves.toMatchObject({
      trainingCoordinatorId: rowsBefore[0].id,
    });
    await expect(ds.getRepository(Completion).count()).resolves.toBe(1);
    const [account] = await ds.query<{ staffId: number }[]>(
      `SELECT "staffId" FROM app_user WHERE email = 'ann@a.test'`,
    );
    expect(account.staffId).toBe(rowsBefore[0].id);

    expect(await insertRefused(ds, member(schoolB, 'ann@a.test'))).toBe(false);
    expect(await insertRefused(ds, member(schoolA, 'ann@a.test'))).toBe(true);
    expect(await insertRefused(ds, member(schoolA, 'new@a.test', { misId: 'M-1' }))).toBe(true);
    // A new row after the rebuild takes a new id, not one already used.
    const ids = (await staffRows(ds)).map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('down is refused, changing nothing, while an email is used at two schools', async () => {
    const rows = await staffRows(ds);
    await expect(ds.undoLastMigration()).rejects.toThrow(/used at more than one school/);
    expect(await staffRows(ds)).toEqual(rows);
    expect(await insertRefused(ds, member(schoolA, 'ann@a.test'))).toBe(true);
    expect(await insertRefused(ds, member(schoolA, 'other@b.test'))).toBe(false);
  });

  it('down, once no email is shared, makes emails unique across schools again, keeping the rows', async () => {
    await ds.getRepository(StaffMember).delete({ schoolId: schoolB, email: 'ann@a.test' });
    await ds.getRepository(StaffMember).delete({ email: 'other@b.test' });
    const rows = await staffRows(ds);
    await ds.undoLastMigration();
    expect(await staffRows(ds)).toEqual(rows);
    expect(await foreignKeyProblems(ds)).toEqual([]);
    await expect(ds.getRepository(School).findOneBy({ id: schoolA })).resolves.toMatchObject({
      trainingCoordinatorId: rows[0].id,
    });
    expect(await insertRefused(ds, member(schoolB, 'ann@a.test'))).toBe(true);
    expect(await insertRefused(ds, member(schoolB, 'new@b.test', { misId: 'M-1' }))).toBe(true);
    expect(await insertRefused(ds, member(schoolB, 'new@b.test', { misId: 'M-2' }))).toBe(false);
    await ds.destroy();

    // And up again, on the same data.
    ds = await openWith(databaseUrl, THIS_ONE + 1);
    expect(await insertRefused(ds, member(schoolA, 'new@b.test'))).toBe(false);
    await ds.destroy();
  });
});
