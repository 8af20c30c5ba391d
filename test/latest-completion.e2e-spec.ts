import { LatestCompletion1765900000000 } from '../src/database/migrations/1765900000000-LatestCompletion';
import { buildStaff, World } from './factories/world';
import { TestApp } from './utils/create-test-app';
import { bearer, useWorld } from './utils/use-world';

type Group = [staffId: number, courseId: number, prior: boolean, completedOn: string, expiresOn: string];

const GROUPED = `SELECT "staffId", "courseId", prior, MAX("completedOn") AS "completedOn", MAX("expiresOn") AS "expiresOn"
  FROM completion WHERE verification = 'verified' GROUP BY "staffId", "courseId", prior`;
const KEPT = 'SELECT "staffId", "courseId", prior, "completedOn", "expiresOn" FROM latest_completion';

describe(LatestCompletion1765900000000.name, () => {
  let testApp: TestApp;
  let world: World;
  let member: number;
  let other: number;

  const rows = async (sql: string): Promise<Group[]> =>
    (
      await testApp.dataSource.query<
        {
          staffId: number;
          courseId: number;
          prior: unknown;
          completedOn: string;
          expiresOn: string;
        }[]
      >(sql)
    )
      .map((row): Group => [row.staffId, row.courseId, Boolean(row.prior), row.completedOn, row.expiresOn])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1] || Number(a[2]) - Number(b[2]));
  /** The kept row of a member's own (not prior) training on the shared course. */
  const sharedRowOf = (kept: Group[], staffId: number) =>
    kept.find(([keptStaff, courseId, prior]) => keptStaff === staffId && courseId === world.sharedCourseId && !prior);
  /** The triggers' table equals the grouping of the completions, and holds `member`'s row for the shared course as given. */
  const expectKept = async (memberShared: [string, string] | null) => {
    const kept = await rows(KEPT);
    expect(kept).toEqual(await rows(GROUPED));
    const own = sharedRowOf(kept, member);
    expect(own ? [own[3], own[4]] : null).toEqual(memberShared);
  };
  const post = (path: string, token = world.a.dspToken) => testApp.http.post(path).set(bearer(token));
  const record = async (staffId: number, completedOn: string, extra: object = {}) =>
    (
      await post('/api/completions')
        .send({ staffId, courseId: world.sharedCourseId, completedOn, evidence: 'CERT', ...extra })
        .expect(201)
    ).body as { id: number };
  const compliance = async () =>
    (await testApp.http.get(`/api/schools/${world.a.id}/compliance`).set(bearer(world.a.dspToken)).expect(200)).body;

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });

  beforeAll(async () => {
    const add = async (email: string) =>
      (
        await post('/api/staff', world.adminToken)
          .send(buildStaff(world.a.id, { email, startDate: '2024-09-01' }))
          .expect(201)
      ).body.id as number;
    member = await add('kept@a.test');
    other = await add('other@a.test');
  });

  it('follows a completion recorded, a retake, and an older one added later', async () => {
    await expectKept(null);
    await record(member, '2026-01-10');
    await expectKept(['2026-01-10', '2027-01-10']);
    await record(member, '2026-06-10');
    await expectKept(['2026-06-10', '2027-06-10']);
    await record(member, '2025-03-01');
    await expectKept(['2026-06-10', '2027-06-10']);
  });

  it('follows bulk recording and a CSV import', async () => {
    await post('/api/completions/bulk')
      .send({ courseId: world.sharedCourseId, completedOn: '2026-02-02', staffIds: [other, ...world.a.staffIds] })
      .expect(201);
    await post('/api/completions/import')
      .set('Content-Type', 'text/csv')
      .send(['email,course,completed_on,evidence', `other@a.test,${world.sharedCourseId},2026-09-09,CERT`].join('\n'))
      .expect(201);
    await expectKept(['2026-06-10', '2027-06-10']);
    expect(
      (await rows(KEPT)).some(([staffId, , , completedOn]) => staffId === other && completedOn === '2026-09-09'),
    ).toBe(true);
  });

  it('keeps prior training apart, and counts self-reports only once verified', async () => {
    await record(member, '2024-05-01', { prior: true });
    const own = (
      await post('/api/completions', world.a.staffToken)
        .send({ staffId: world.a.staffUserStaffId, courseId: world.a.inHouseCourseId, completedOn: '2026-11-20' })
        .expect(201)
    ).body as { id: number };
    const refused = (
      await post('/api/completions', world.a.staffToken)
        .send({ staffId: world.a.staffUserStaffId, courseId: world.a.inHouseCourseId, completedOn: '2026-11-21' })
        .expect(201)
    ).body as { id: number };
    const inHouse = () =>
      rows(KEPT).then((kept) =>
        kept.filter(
          ([staffId, courseId]) => staffId === world.a.staffUserStaffId && courseId === world.a.inHouseCourseId,
        ),
      );
    expect(await inHouse()).toEqual([]);
    await post(`/api/completions/${own.id}/verify`).expect(200);
    await post(`/api/completions/${refused.id}/reject`).send({ reason: 'Not this course' }).expect(200);
    expect((await inHouse()).map((group) => group[3])).toEqual(['2026-11-20']);
    await expectKept(['2026-06-10', '2027-06-10']);
    expect((await rows(KEPT)).some(([staffId, , prior]) => staffId === member && prior)).toBe(true);
  });

  it("follows a change to a course's validity, which rewrites its expiry dates", async () => {
    await testApp.http
      .patch(`/api/courses/${world.sharedCourseId}`)
      .set(bearer(world.adminToken))
      .send({ validityMonths: 24 })
      .expect(200);
    await expectKept(['2026-06-10', '2028-06-10']);
  });

  it('follows deletions: the earlier completion again, then no row at all', async () => {
    const listed = async () =>
      (await testApp.http.get(`/api/completions?staffId=${member}`).set(bearer(world.a.dspToken)).expect(200)).body as {
        id: number;
        completedOn: string;
        courseId: number;
        prior: boolean;
      }[];
    const shared = (await listed()).filter((row) => row.courseId === world.sharedCourseId && !row.prior);
    const latest = shared.find((row) => row.completedOn === '2026-06-10')!;
    await testApp.http.delete(`/api/completions/${latest.id}`).set(bearer(world.a.dspToken)).expect(200);
    await expectKept(['2026-01-10', '2028-01-10']);
    for (const row of shared.filter((row) => row.id !== latest.id))
      await testApp.http.delete(`/api/completions/${row.id}`).set(bearer(world.a.dspToken)).expect(200);
    await expectKept(null);
  });

  it('stays right when many completions for one member are recorded at once', async () => {
    const days = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06'];
    await Promise.all(days.map((day) => record(other, day)));
    expect(await rows(KEPT)).toEqual(await rows(GROUPED));
    const own = sharedRowOf(await rows(KEPT), other);
    expect(own?.[3]).toBe('2026-10-06');
  });

  // SQLite has one writer at a time; PostgreSQL's writers overlap, which the triggers' lock is for.
  const postgresOnly = process.env.TEST_DATABASE_URL ? it : it.skip;
  postgresOnly("keeps the later date when two transactions write one member's training at once", async () => {
    const insert = (day: string) =>
      `INSERT INTO completion ("staffId", "courseId", "completedOn", "expiresOn", evidence, "recordedAt", verification, prior)
       VALUES (${other}, ${world.sharedCourseId}, '${day}', '2027-12-31', 'CERT', '2026-11-27T00:00:00Z', 'verified', false)`;
    const first = testApp.dataSource.createQueryRunner();
    const second = testApp.dataSource.createQueryRunner();
    try {
      await first.startTransaction();
      await second.startTransaction();
      await first.query(insert('2026-11-20'));
      // The second waits for the first; without the lock it would compute from a snapshot
      // without the first's row and, committing last, keep its own earlier date.
      const waiting = second.query(insert('2026-11-19'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.commitTransaction();
      await waiting;
      await second.commitTransaction();
    } finally {
      await first.release();
      await second.release();
    }
    const own = sharedRowOf(await rows(KEPT), other);
    expect(own?.[3]).toBe('2026-11-20');
    expect(await rows(KEPT)).toEqual(await rows(GROUPED));
  });

  it('is not read for a day before a completion: the answer is as of that day', async () => {
    await record(member, '2026-03-03');
    const before = await compliance();
    // A completion dated after "today", as a clock set back would leave: written directly, as no request may.
    await testApp.dataSource.query(
      `INSERT INTO completion ("staffId", "courseId", "completedOn", "expiresOn", evidence, "recordedAt", verification, prior)
       VALUES (${member}, ${world.sharedCourseId}, '2027-02-01', '2029-02-01', 'CERT', '2026-11-27T00:00:00Z', 'verified', false)`,
    );
    await expectKept(['2027-02-01', '2029-02-01']);
    expect(await compliance()).toEqual(before);
  });

  it('is built from the completions by its migration, and dropped by its down', async () => {
    const expected = await rows(GROUPED);
    expect(expected.length).toBeGreaterThan(5);
    await testApp.dataSource.undoLastMigration();
    const queryRunner = testApp.dataSource.createQueryRunner();
    try {
      expect(await queryRunner.hasTable('latest_completion')).toBe(false);
    } finally {
      await queryRunner.release();
    }
    await testApp.dataSource.runMigrations();
    expect(await rows(KEPT)).toEqual(expected);
    // And its triggers are back.
    await record(member, '2026-10-10');
    await expectKept(['2027-02-01', '2029-02-01']);
    expect(await rows(KEPT)).toEqual(await rows(GROUPED));
  });
});
