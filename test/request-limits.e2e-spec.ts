import { PASSWORD, World } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { signInPage } from './utils/page-session';
import { bearer, useWorld } from './utils/use-world';

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('request limits', () => {
  let testApp: TestApp;
  let world: World;

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });

  describe('JSON nested deeper than 32 levels', () => {
    it('is refused with 400 on every route, signed in or not, before any work', async () => {
      const before = await tableCounts(testApp.dataSource);
      const body = nested(2_000);
      const calls = [
        testApp.http.post('/api/auth/login'),
        testApp.http.post('/api/staff').set(bearer(world.a.dspToken)),
        testApp.http.post('/api/completions/bulk').set(bearer(world.a.dspToken)),
        testApp.http.patch(`/api/schools/${world.a.id}`).set(bearer(world.a.dspToken)),
        testApp.http.post('/api/no-such-route'),
      ];
      for (const call of calls) {
        const response = await call.set('Content-Type', 'application/json').send(body).expect(400);
        expect(response.body.message).toMatch(/nested more than 32 levels/);
      }
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });

    it('takes 32 levels', async () => {
      const response = await testApp.http
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"email":${nested(31)},"password":"x"}`);
      expect(response.status).toBe(400);
      expect(response.body.message).not.toEqual(expect.stringMatching(/nested/));
    });

    it('refuses 2 million levels at once, and the server keeps answering others meanwhile', async () => {
      const deep = '['.repeat(2_000_000) + ']'.repeat(2_000_000);
      const started = Date.now();
      const attack = testApp.http.post('/api/auth/login').set('Content-Type', 'application/json').send(deep);
      const healthTimes: number[] = [];
      const health = (async () => {
        for (let index = 0; index < 5; index += 1) {
          const asked = Date.now();
          await testApp.http.get('/api/health').expect(200);
          healthTimes.push(Date.now() - asked);
        }
      })();
      const [response] = await Promise.all([attack, health]);
      expect(response.status).toBe(400);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(Math.max(...healthTimes)).toBeLessThan(1_000);
    });
  });

  describe('bodies over the one limit', () => {
    it('answer 413 in JSON on the API', async () => {
      const response = await testApp.http
        .post('/api/staff')
        .set(bearer(world.a.dspToken))
        .set('Content-Type', 'application/json')
        .send(`{"name":"${'a'.repeat(5 * 1024 * 1024)}"}`)
        .expect(413);
      expect(response.headers['content-type']).toMatch(/application\/json/);
      expect(response.body.message).toMatch(/larger than the 5 MB limit/);
    });

    it('answer a clear 413 page on pages', async () => {
      const session = await signInPage(testApp, 'dsp@a.test', PASSWORD);
      const response = await testApp.http
        .post('/settings')
        .set('Cookie', session.cookies)
        .type('form')
        .send(`_csrf=${session.csrf}&dueSoonDays=${'1'.repeat(5 * 1024 * 1024)}`)
        .expect(413);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.text).toContain('larger than the 5 MB limit');
    });
  });

  describe('CSV imports', () => {
    const importCsv = (csv: string | Buffer) =>
      testApp.http
        .post('/api/completions/import')
        .set(bearer(world.a.dspToken))
        .set('Content-Type', 'text/csv')
        .send(csv);

    it('refuse a file that is not UTF-8, naming the line, and import nothing', async () => {
      const before = await tableCounts(testApp.dataSource);
      const latin1 = Buffer.from(
        'email,course,completed_on,evidence\ns0@a.test,Keeping safe ' +
          'online,2026-10-01,ok\ns1@a.test,Keeping safe online,2026-10-01,Caf\xe9 certificate\n',
        'latin1',
      );
      const response = await importCsv(latin1).expect(400);
      expect(response.body.errors).toEqual([{ line: 3, message: expect.stringContaining('Line 3 is not UTF-8') }]);
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });

    it('check the staff import the same way', async () => {
      const latin1 = Buffer.from('email,name,start date\nsi\xe2n@a.test,Si\xe2n,2026-09-01\n', 'latin1');
      const response = await testApp.http
        .post(`/api/staff/import?schoolId=${world.a.id}`)
        .set(bearer(world.a.dspToken))
        .set('Content-Type', 'text/csv')
        .send(latin1)
        .expect(400);
      expect(response.body.message).toMatch(/Line 2 is not UTF-8/);
    });

    it('refuse rows with more cells than the header, listing each, and import nothing', async () => {
      const before = await tableCounts(testApp.dataSource);
      const csv = [
        'email,course,completed_on,evidence',
        's0@a.test,Keeping safe online,2026-10-01,ok',
        's1@a.test,Keeping safe online,2026-10-01,CERT-1,dropped?',
        's2@a.test,Keeping safe online,2026-10-01,"a, b",c',
      ].join('\n');
      const response = await importCsv(csv).expect(400);
      expect(response.body.errors).toEqual([
        { line: 3, message: 'Line 3 has 5 cells, but the header has 4' },
        { line: 4, message: 'Line 4 has 5 cells, but the header has 4' },
      ]);
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });
  });
});
