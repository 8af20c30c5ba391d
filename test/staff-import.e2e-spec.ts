import { ChangeLogService } from '../src/change-log/change-log.service';
import { World } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { bearer, useWorld } from './utils/use-world';

describe('staff import from the MIS (POST /api/staff/import)', () => {
  let testApp: TestApp;
  let world: World;

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });

  const importCsv = (token: string, csv: string, query = '') =>
    testApp.http.post(`/api/staff/import${query}`).set(bearer(token)).set('Content-Type', 'text/csv').send(csv);
  const staffOf = async (token: string, schoolId: number) =>
    (await testApp.http.get(`/api/staff?schoolId=${schoolId}`).set(bearer(token)).expect(200)).body as Record<
      string,
      unknown
    >[];
  const byEmail = async (token: string, schoolId: number, email: string) =>
    (await staffOf(token, schoolId)).find((member) => member.email === email);

  describe('reading the file', () => {
    it(
      'matches headers without case, spaces, underscores or hyphens, joins first and last ' + 'names, reads DD/MM/YYYY',
      async () => {
        const csv = [
          'MIS_ID,First Name,LAST_NAME,E-mail Address,Start Date,Job Title,Left ' +
            'On,Language,Safeguarding Role,Online Safety Group,Phone',
          'A-100,Nia,Rees,Nia.Rees@A.test,01/09/2025,Teacher,,Welsh,deputy dsp,yes,01234',
          'A-101,Owain,Price,owain.price@a.test,2025-09-01,,31/08/2026,en,none,no,',
        ].join('\n');
        const { body } = await importCsv(world.a.dspToken, csv).expect(201);
        expect(body).toEqual({ created: 2, updated: 0, unchanged: 0, leavers: [], errors: [] });
        await expect(byEmail(world.a.dspToken, world.a.id, 'nia.rees@a.test')).resolves.toEqual({
          id: expect.any(Number),
          schoolId: world.a.id,
          name: 'Nia Rees',
          email: 'nia.rees@a.test',
          jobTitle: 'Teacher',
          startDate: '2025-09-01',
          leftOn: null,
          safeguardingRole: 'deputy-dsp',
          onlineSafetyGroup: true,
          seniorLeader: false,
          filteringLead: false,
          language: 'cy',
          misId: 'A-100',
        });
        await expect(byEmail(world.a.dspToken, world.a.id, 'owain.price@a.test')).resolves.toMatchObject({
          jobTitle: null,
          leftOn: '2026-08-31',
          safeguardingRole: 'none',
          onlineSafetyGroup: false,
          misId: 'A-101',
        });
      },
    );

    it('takes a single name column and the defaults for columns the MIS does not export', async () => {
      const { body } = await importCsv(
        world.a.dspToken,
        'email,name,start_date\ncara.hughes@a.test,Cara Hughes,2026-01-05\n',
      ).expect(201);
      expect(body.created).toBe(1);
      await expect(byEmail(world.a.dspToken, world.a.id, 'cara.hughes@a.test')).resolves.toMatchObject({
        name: 'Cara Hughes',
        safeguardingRole: 'none',
        onlineSafetyGroup: false,
        language: 'en',
        misId: null,
      });
    });

    it(
      'reads the senior leader and filtering lead columns, updating a stored member, and ' + 'refuses other words',
      async () => {
        const csv = [
          'email,name,start date,senior leader,filtering lead',
          'dewi.slt@a.test,Dewi Slt,2024-09-01,yes,no',
          'cara.hughes@a.test,Cara Hughes,2026-01-05,,yes',
        ].join('\n');
        const { body } = await importCsv(world.a.dspToken, csv).expect(201);
        expect(body).toMatchObject({ created: 1, updated: 1 });
        await expect(byEmail(world.a.dspToken, world.a.id, 'dewi.slt@a.test')).resolves.toMatchObject({
          seniorLeader: true,
          filteringLead: false,
        });
        await expect(byEmail(world.a.dspToken, world.a.id, 'cara.hughes@a.test')).resolves.toMatchObject({
          seniorLeader: false,
          filteringLead: true,
        });
        const refused = await importCsv(
          world.a.dspToken,
          'email,name,start date,senior leader\nx@a.test,X,2024-09-01,maybe\n',
        ).expect(400);
        expect(refused.body.errors).toEqual([expect.objectContaining({ line: 2, field: 'seniorLeader' })]);
      },
    );

    it('refuses a file without a required column, naming it on line 1', async () => {
      const before = await tableCounts(testApp.dataSource);
      const { body } = await importCsv(world.a.dspToken, 'email,first name\nx@a.test,X\n').expect(400);
      expect(body.errors).toEqual([
        { line: 1, field: 'name', message: expect.stringContaining('name') },
        { line: 1, field: 'startDate', message: expect.stringContaining('start date') },
      ]);
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });
  });

  describe('matching stored members', () => {
    it('matches by email, records the MIS id, then matches by MIS id when the email changes', async () => {
      const [s0] = (await staffOf(world.a.dspToken, world.a.id)).filter((member) => member.email === 's0@a.test');
      const first = await importCsv(
        world.a.dspToken,
        'mis id,email,name,start date\nA-7,S0@a.test,Member a0,01/09/2024\n',
      ).expect(201);
      expect(first.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
      const second = await importCsv(
        world.a.dspToken,
        'mis id,email,name,start date\nA-7,renamed.a0@a.test,Member a0,01/09/2024\n',
      ).expect(201);
      expect(second.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
      const { body: after } = await testApp.http
        .get(`/api/staff/${Number(s0.id)}`)
        .set(bearer(world.a.dspToken))
        .expect(200);
      expect(after).toMatchObject({ email: 'renamed.a0@a.test', misId: 'A-7', startDate: '2024-09-01' });
      const third = await importCsv(
        world.a.dspToken,
        'mis id,email,name,start date\nA-7,renamed.a0@a.test,Member a0,2024-09-01\n',
      ).expect(201);
      expect(third.body).toEqual({ created: 0, updated: 0, unchanged: 1, leavers: [], errors: [] });
    });

    it('keeps stored values where the file has an empty cell', async () => {
      await importCsv(
        world.a.dspToken,
        'email,name,start date,job title,language\ncara.hughes@a.test,Cara Hughes,2026-01-05,Librarian,cy\n',
      ).expect(201);
      const { body } = await importCsv(
        world.a.dspToken,
        'email,name,start date,job title,language\ncara.hughes@a.test,Cara Hughes,2026-01-05,,\n',
      ).expect(201);
      expect(body).toMatchObject({ unchanged: 1, updated: 0 });
      await expect(byEmail(world.a.dspToken, world.a.id, 'cara.hughes@a.test')).resolves.toMatchObject({
        jobTitle: 'Librarian',
        language: 'cy',
      });
    });

    it('writes a change-log entry for each member created or updated, with before and after', async () => {
      await importCsv(
        world.a.dspToken,
        'email,name,start date,job title\ncara.hughes@a.test,Cara Hughes,2026-01-05,Head of ' +
          'Library\nnew.one@a.test,New One,2026-02-02,\n',
      ).expect(201);
      const { body: changes } = await testApp.http
        .get(`/api/schools/${world.a.id}/changes`)
        .set(bearer(world.a.dspToken))
        .expect(200);
      const [first, second] = changes;
      const [created, updated] = first.action === 'create' ? [first, second] : [second, first];
      expect(created).toMatchObject({ entity: 'staff', action: 'create', after: { email: 'new.one@a.test' } });
      expect(updated).toMatchObject({
        entity: 'staff',
        action: 'update',
        before: { jobTitle: 'Librarian' },
        after: { jobTitle: 'Head of Library' },
      });
    });
  });

  describe('markMissingAsLeavers', () => {
    const schoolBFile = 'email,name,start date\ns0@b.test,Member b0,2024-09-01\ns1@b.test,Member b1,2024-09-01\n';

    it('leaves everyone in place without the flag', async () => {
      const { body } = await importCsv(world.b.dspToken, schoolBFile).expect(201);
      expect(body).toEqual({ created: 0, updated: 0, unchanged: 2, leavers: [], errors: [] });
      await expect(byEmail(world.b.dspToken, world.b.id, 's2@b.test')).resolves.toMatchObject({ leftOn: null });
    });

    it(
      'lists active members missing from the file on a dry run, and marks them as leavers ' + 'today when saved',
      async () => {
        const before = await tableCounts(testApp.dataSource);
        const dry = await importCsv(world.b.dspToken, schoolBFile, '?markMissingAsLeavers=true&dryRun=true').expect(
          200,
        );
        const s2 = await byEmail(world.b.dspToken, world.b.id, 's2@b.test');
        expect(dry.body).toEqual({
          created: 0,
          updated: 0,
          unchanged: 2,
          leavers: [{ id: s2!.id, name: 'Member b2' }],
          errors: [],
        });
        expect(await tableCounts(testApp.dataSource)).toEqual(before);
        const { body } = await importCsv(world.b.dspToken, schoolBFile, '?markMissingAsLeavers=true').expect(201);
        expect(body.leavers).toEqual([{ id: s2!.id, name: 'Member b2' }]);
        await expect(byEmail(world.b.dspToken, world.b.id, 's2@b.test')).resolves.toMatchObject({
          leftOn: '2026-11-27',
        });
        const again = await importCsv(world.b.dspToken, schoolBFile, '?markMissingAsLeavers=true').expect(201);
        expect(again.body.leavers).toEqual([]);
      },
    );
  });

  describe('all or nothing', () => {
    it('saves no row when any row is bad, and names every bad row by line and field', async () => {
      const before = await tableCounts(testApp.dataSource);
      const csv = [
        'email,first name,last name,start date,left on,mis id,language,online safety group',
        'fine.person@b.test,Fine,Person,01/09/2025,,B-1,en,no', // 2: fine
        'not-an-email,Bad,Email,01/09/2025,,,,', // 3
        'no.name@b.test,,,01/09/2025,,,,', // 4
        'bad.date@b.test,Bad,Date,31/02/2026,,,,', // 5
        'fine.person@b.test,Again,Person,01/09/2025,,,,', // 6: repeats line 2's email
        'other.mis@b.test,Same,Mis,01/09/2025,,B-1,,', // 7: repeats line 2's MIS id
        's1@a.test,Other,School,01/09/2025,,,,', // 8: fine: another school's member's email is no concern of this one
        'left.early@b.test,Left,Early,01/09/2025,01/08/2025,,,', // 9: leaves before starting
        'odd.values@b.test,Odd,Values,01/09/2025,,,fr,maybe', // 10: two bad cells
      ].join('\n');
      const { body } = await importCsv(world.b.dspToken, csv).expect(400);
      expect(body.errors.map((error: { line: number; field: string }) => [error.line, error.field])).toEqual([
        [3, 'email'],
        [4, 'name'],
        [5, 'startDate'],
        [6, 'email'],
        [7, 'misId'],
        [9, 'leftOn'],
        [10, 'language'],
        [10, 'onlineSafetyGroup'],
      ]);
      expect(body.errors[3].message).toContain('repeats line 2');
      expect(body).toMatchObject({ created: 2, updated: 0, unchanged: 0, leavers: [] });
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });

    it('answers a dry run with errors with the same 400 report, saving nothing', async () => {
      const before = await tableCounts(testApp.dataSource);
      const { body } = await importCsv(
        world.b.dspToken,
        'email,name,start date\nx@b.test,X,2026-13-01\n',
        '?dryRun=true',
      ).expect(400);
      expect(body.errors).toEqual([{ line: 2, field: 'startDate', message: expect.stringContaining('2026-13-01') }]);
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });

    it('rolls back every saved row when the save fails part-way through', async () => {
      const before = await tableCounts(testApp.dataSource);
      // The change log is written last, after every member: failing it shows the members go too.
      const changeLog = testApp.app.get(ChangeLogService);
      const failing = jest.spyOn(changeLog, 'record').mockRejectedValueOnce(new Error('disk full'));
      const csv = 'email,name,start date\nroll.one@b.test,Roll One,2026-01-01\ns0@b.test,Renamed b0,2024-09-01\n';
      await importCsv(world.b.dspToken, csv).expect(500);
      failing.mockRestore();
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
      await expect(byEmail(world.b.dspToken, world.b.id, 's0@b.test')).resolves.toMatchObject({ name: 'Member b0' });
    });
  });

  describe('roles and schools', () => {
    const csv = 'email,name,start date\nscoped.person@a.test,Scoped Person,2026-01-01\n';

    it('refuses governors and staff with 403, and no sign-in with 401', async () => {
      await importCsv(world.a.governorToken, csv).expect(403);
      await importCsv(world.a.staffToken, csv).expect(403);
      await testApp.http.post('/api/staff/import').set('Content-Type', 'text/csv').send(csv).expect(401);
    });

    it("answers 404 for another school's id, as for an unknown one", async () => {
      const before = await tableCounts(testApp.dataSource);
      await importCsv(world.a.dspToken, csv, `?schoolId=${world.b.id}`).expect(404);
      await importCsv(world.a.dspToken, csv, '?schoolId=99999').expect(404);
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });

    it('lets an admin import for a named school, requiring the schoolId', async () => {
      const { body: missing } = await importCsv(world.adminToken, csv).expect(400);
      expect(missing.errors).toEqual([{ field: 'schoolId', message: expect.any(String) }]);
      await importCsv(world.adminToken, csv, '?schoolId=99999').expect(404);
      await importCsv(world.adminToken, csv, `?schoolId=${world.a.id}`).expect(201);
      await expect(byEmail(world.a.dspToken, world.a.id, 'scoped.person@a.test')).resolves.toMatchObject({
        schoolId: world.a.id,
      });
    });

    it('refuses a body that is not CSV text', async () => {
      const { body } = await testApp.http
        .post('/api/staff/import')
        .set(bearer(world.a.dspToken))
        .send({ email: 'x@a.test' })
        .expect(400);
      expect(body.errors).toEqual([{ field: 'file', message: expect.stringContaining('text/csv') }]);
    });
  });
});
