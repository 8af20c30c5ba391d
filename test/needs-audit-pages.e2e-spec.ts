import { NeedsAuditPagesController } from '../src/web/needs-audit-pages.controller';
import { PASSWORD, World } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { getPage, PageSession, postForm, signInPage } from './utils/page-session';
import { useWorld } from './utils/use-world';

describe(NeedsAuditPagesController.name, () => {
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
  const auditsOf = (staffId: number) =>
    testApp.dataSource.query(`SELECT "auditedOn", needs FROM needs_audit WHERE "staffId" = ${staffId}`);

  describe('one member', () => {
    it('draws the form dated today, saves the audit and goes back to the record', async () => {
      const id = world.a.staffIds[0];
      const form = await get(`/staff/${id}/audit`).expect(200);
      expect(form.text).toContain('value="2026-11-27"');
      const saved = await post(`/staff/${id}/audit`, {
        auditedOn: '2026-11-20',
        topics: 'filtering-monitoring',
        'note-filtering-monitoring': 'New filter in January',
      }).expect(303);
      expect(saved.headers.location).toBe(`/staff/${id}?changed=audited`);
      const [audit] = await auditsOf(id);
      expect(audit.auditedOn).toBe('2026-11-20');
      expect(JSON.parse(audit.needs)).toEqual([{ topic: 'filtering-monitoring', note: 'New filter in January' }]);
    });

    it('refuses a date after today with 400, keeping the ticks and notes, and saves nothing', async () => {
      const id = world.a.staffIds[1];
      const refused = await post(`/staff/${id}/audit`, {
        auditedOn: '2026-12-25',
        topics: 'online-safety',
        'note-online-safety': 'Typed note kept',
      }).expect(400);
      expect(refused.text).toMatch(/id="auditedOn-error"/);
      expect(refused.text).toMatch(/value="online-safety" checked/);
      expect(refused.text).toContain('value="Typed note kept"');
      expect(refused.text).toContain(`action="/staff/${id}/audit"`);
      await expect(auditsOf(id)).resolves.toEqual([]);
    });

    it('is 404 for another school’s member', async () => {
      await get(`/staff/${world.b.staffIds[0]}/audit`).expect(404);
    });
  });

  describe('the whole staff', () => {
    it('saves one audit per active member together and says so', async () => {
      const [first, second] = world.a.staffIds;
      const before = (await tableCounts(testApp.dataSource)).needs_audit;
      const saved = await post('/audits/new', {
        auditedOn: '2026-11-27',
        [`needs-${first}`]: ['online-safety', 'osh-response'],
        [`note-${second}`]: 'Nothing needed',
      }).expect(303);
      expect(saved.headers.location).toBe('/audits/new?saved=1');
      expect((await tableCounts(testApp.dataSource)).needs_audit).toBe(before + world.a.staffIds.length);
      const page = await get(saved.headers.location).expect(200);
      expect(page.text).toContain('role="status"');
    });

    it('refuses a bad date with 400, keeping every row’s ticks and notes, and saves none', async () => {
      const [first, second] = world.a.staffIds;
      const before = await tableCounts(testApp.dataSource);
      const refused = await post('/audits/new', {
        auditedOn: '27/11/2026',
        [`needs-${first}`]: 'online-safety',
        [`note-${second}`]: 'Typed note kept',
      }).expect(400);
      expect(refused.text).toMatch(/id="auditedOn-error"/);
      expect(refused.text).toMatch(new RegExp(`name="needs-${first}" value="online-safety" checked`));
      expect(refused.text).toContain('value="Typed note kept"');
      expect(refused.text).not.toContain('role="status"');
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });
  });
});
