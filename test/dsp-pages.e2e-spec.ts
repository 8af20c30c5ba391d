import { DspPagesController } from '../src/web/dsp-pages.controller';
import { PASSWORD, World } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { getPage, PageSession, postForm, signInPage } from './utils/page-session';
import { useWorld } from './utils/use-world';

describe(DspPagesController.name, () => {
  let testApp: TestApp;
  let world: World;
  let dsp: PageSession;

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });
  beforeAll(async () => {
    dsp = await signInPage(testApp, 'dsp@a.test', PASSWORD);
  });

  const get = (path: string) => getPage(testApp, dsp, path);
  const post = (path: string, form: Record<string, string | string[]>) => postForm(testApp, dsp, path, form);
  const completionsOf = async (staffId: number) =>
    Number((await testApp.dataSource.query(`SELECT COUNT(*) AS n FROM completion WHERE "staffId" = ${staffId}`))[0].n);

  describe('recordCompletion', () => {
    it('offers the form with the member chosen, records the completion and goes to their record', async () => {
      const id = world.a.staffIds[0];
      const form = await get(`/completions/new?staffId=${id}`).expect(200);
      expect(form.text).toMatch(new RegExp(`<option value="${id}" selected>`));
      const saved = await post('/completions/new', {
        staffId: String(id),
        courseId: String(world.sharedCourseId),
        completedOn: '2026-11-20',
        evidence: 'CERT-9',
      }).expect(303);
      expect(saved.headers.location).toBe(`/staff/${id}?saved=1`);
      await expect(completionsOf(id)).resolves.toBe(1);
    });

    it('refuses a bad date with 400, keeping what was typed, and saves nothing', async () => {
      const before = await tableCounts(testApp.dataSource);
      const refused = await post('/completions/new', {
        staffId: String(world.a.staffIds[1]),
        courseId: String(world.sharedCourseId),
        completedOn: '2026-02-30',
        evidence: 'Typed evidence kept',
      }).expect(400);
      expect(refused.text).toMatch(/id="completedOn-error"/);
      expect(refused.text).toContain('value="Typed evidence kept"');
      expect(refused.text).toMatch(new RegExp(`<option value="${world.a.staffIds[1]}" selected>`));
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });
  });

  describe('recordSession', () => {
    it('records one session for the ticked staff and goes to the staff list, which counts them', async () => {
      const [first, , third] = world.a.staffIds;
      const saved = await post('/sessions/new', {
        staffIds: [String(first), String(third)],
        courseId: String(world.a.inHouseCourseId),
        completedOn: '2026-11-25',
      }).expect(303);
      expect(saved.headers.location).toBe('/staff?recorded=2');
      await expect(completionsOf(third)).resolves.toBe(1);
      const list = await get(saved.headers.location).expect(200);
      expect(list.text).toContain('role="status"');
    });

    it('refuses a session with nobody ticked with 400, keeping the course chosen, and saves nothing', async () => {
      const before = await tableCounts(testApp.dataSource);
      const refused = await post('/sessions/new', {
        courseId: String(world.a.inHouseCourseId),
        completedOn: '2026-11-25',
      }).expect(400);
      expect(refused.text).toMatch(/id="staffIds-error"/);
      expect(refused.text).toMatch(new RegExp(`<option value="${world.a.inHouseCourseId}"[^>]*selected>`));
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });
  });

  describe('staffList', () => {
    it('lists the school’s staff, filtered by status, and never another school’s', async () => {
      const all = await get('/staff').expect(200);
      expect(all.text).toContain('Member a2');
      expect(all.text).not.toContain('Member b0');
      // Member a0 and a2 have current training by now; a1 has none (their completion was refused).
      const never = await get('/staff?status=never').expect(200);
      expect(never.text).toContain('Member a1');
      expect(never.text).not.toContain('Member a0');
    });

    it('is the DSP’s: a governor gets 403', async () => {
      const governor = await signInPage(testApp, 'governor@a.test', PASSWORD);
      await testApp.http.get('/staff').set('Cookie', governor.cookies).expect(403);
      await testApp.http.get('/concerns').set('Cookie', governor.cookies).expect(403);
    });
  });

  describe('concerns', () => {
    it('names the staff behind a concern', async () => {
      const page = await get('/concerns').expect(200);
      expect(page.text).toContain('Member a1');
    });
  });
});
