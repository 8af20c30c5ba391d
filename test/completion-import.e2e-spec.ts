import { CompletionImportService } from '../src/completions/completion-import.service';
import { World } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { useWorld } from './utils/use-world';

describe(CompletionImportService.name, () => {
  let testApp: TestApp;
  let world: World;
  const importCsv = (token: string, csv: string, query = '') =>
    testApp.http
      .post(`/api/completions/import${query}`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'text/csv')
      .send(csv);

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });

  it('imports every row, finding courses by title or id', async () => {
    const csv = [
      'email,course,completed_on,evidence',
      's0@a.test,Keeping safe online,2026-10-01,CERT-9',
      `S1@A.TEST,${world.sharedCourseId},2026-10-02,`,
      's2@a.test,In-house a,2026-10-03,note',
    ].join('\n');
    const { body } = await importCsv(world.a.dspToken, csv).expect(201);
    expect(body).toEqual({ dryRun: false, rows: 3, imported: 3, errors: [] });
    const { body: rows } = await testApp.http
      .get(`/api/completions?staffId=${world.a.staffIds[1]}`)
      .set('Authorization', `Bearer ${world.a.dspToken}`)
      .expect(200);
    expect(rows).toEqual([
      expect.objectContaining({ completedOn: '2026-10-02', evidence: null, expiresOn: '2027-10-02' }),
    ]);
  });

  it('imports no row when any row is bad, and lists every bad row by line number', async () => {
    const before = await tableCounts(testApp.dataSource);
    const csv = [
      'email,course,completed_on,evidence',
      's0@b.test,Keeping safe online,2026-11-01,ok', // line 2: fine
      'nobody@b.test,Keeping safe online,2026-11-01,', // 3: unknown email
      's1@b.test,No such course,2026-11-01,', // 4: unknown course
      's2@b.test,Keeping safe online,2026-02-30,', // 5: bad date
      's0@b.test,Keeping safe online,2026-11-01,again', // 6: repeats line 2
      's1@b.test,Keeping safe online,2026-12-01,', // 7: after today
      's0@a.test,Keeping safe online,2026-11-01,', // 8: another school's staff
      's2@b.test,In-house a,2026-11-01,', // 9: another school's course
    ].join('\n');
    const { body } = await importCsv(world.b.dspToken, csv).expect(400);
    expect(body.errors.map((error: { line: number }) => error.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(body.errors[3].message).toContain('repeats line 2');
    expect(await tableCounts(testApp.dataSource)).toEqual(before);
  });

  it('treats a row repeating a stored completion as bad', async () => {
    const csv = 'email,course,completed_on,evidence\ns0@a.test,Keeping safe online,2026-10-01,again\n';
    const { body } = await importCsv(world.a.dspToken, csv).expect(400);
    expect(body.errors).toEqual([
      {
        line: 2,
        message: expect.stringContaining('already recorded'),
        problems: [{ code: 'import-already-recorded', params: {} }],
      },
    ]);
  });

  it('checks without saving on a dry run: 200 when clean, 400 with the same report when not', async () => {
    const before = await tableCounts(testApp.dataSource);
    const clean = 'email,course,completed_on,evidence\ns0@b.test,Keeping safe online,2026-11-03,\n';
    await expect(
      importCsv(world.b.dspToken, clean, '?dryRun=true')
        .expect(200)
        .then((response) => response.body),
    ).resolves.toEqual({
      dryRun: true,
      rows: 1,
      imported: 0,
      errors: [],
    });
    const bad = 'email,course,completed_on\nnobody@b.test,Keeping safe online,2026-11-03\n';
    const { body } = await importCsv(world.b.dspToken, bad, '?dryRun=true').expect(400);
    expect(body.errors[0].line).toBe(2);
    expect(await tableCounts(testApp.dataSource)).toEqual(before);
  });

  it('refuses a wrong header, an empty file and a JSON body', async () => {
    await importCsv(world.a.dspToken, 'mail,course,date\nx,y,z\n').expect(400);
    await importCsv(world.a.dspToken, 'email,course,completed_on,evidence\n').expect(400);
    await testApp.http
      .post('/api/completions/import')
      .set('Authorization', `Bearer ${world.a.dspToken}`)
      .send({ rows: [] })
      .expect(400);
  });

  it('refuses governors and staff (403)', async () => {
    const csv = 'email,course,completed_on,evidence\ns0@a.test,Keeping safe online,2026-11-03,\n';
    await importCsv(world.a.governorToken, csv).expect(403);
    await importCsv(world.a.staffToken, csv).expect(403);
  });
});
