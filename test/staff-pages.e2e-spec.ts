import { StaffPagesController } from '../src/web/staff-pages.controller';
import { PASSWORD, World } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { getPage, PageSession, postForm, signInPage } from './utils/page-session';
import { useWorld } from './utils/use-world';

describe(StaffPagesController.name, () => {
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
  const member = (fields: Record<string, string>) => ({
    name: 'Nia Newydd',
    email: 'nia@a.test',
    startDate: '2026-09-01',
    safeguardingRole: 'none',
    language: 'en',
    ...fields,
  });
  const idIn = (location: string) => Number(/^\/staff\/(\d+)\?/.exec(location)![1]);

  describe('add', () => {
    it('draws the form, saves a member and goes to their record, which says so', async () => {
      await expect(get('/staff/new').expect(200)).resolves.toMatchObject({
        text: expect.stringContaining('action="/staff/new"') as string,
      });
      const added = await post('/staff/new', member({})).expect(303);
      expect(added.headers.location).toMatch(/^\/staff\/\d+\?changed=added$/);
      const record = await get(added.headers.location).expect(200);
      expect(record.text).toContain('Nia Newydd');
    });

    it('says whether the invitation went: sent for a new address, not for one an account already has', async () => {
      const invited = await post('/staff/new', member({ email: 'invited@a.test', invite: 'on' })).expect(303);
      expect(invited.headers.location).toMatch(/\?changed=added-invited$/);
      const refused = await post('/staff/new', member({ email: 'dsp@a.test', invite: 'on' })).expect(303);
      expect(refused.headers.location).toMatch(/\?changed=added-not-invited$/);
    });

    it('shows a refused form again with 400, what was typed and the field named, saving nothing', async () => {
      const before = await tableCounts(testApp.dataSource);
      const refused = await post('/staff/new', member({ name: 'Typed Name Kept', startDate: '2026-02-30' })).expect(
        400,
      );
      expect(refused.text).toContain('value="Typed Name Kept"');
      expect(refused.text).toMatch(/id="startDate-error"/);
      expect(refused.text).toContain('action="/staff/new"');
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });
  });

  describe('edit', () => {
    it('saves an edit and goes to the record; refuses a bad one with 400 on the edit form', async () => {
      const id = world.a.staffIds[1];
      const form = await get(`/staff/${id}/edit`).expect(200);
      expect(form.text).toContain(`action="/staff/${id}/edit"`);
      const saved = await post(`/staff/${id}/edit`, member({ name: 'Renamed Member', email: 's1@a.test' })).expect(303);
      expect(saved.headers.location).toBe(`/staff/${id}?changed=updated`);
      const refused = await post(`/staff/${id}/edit`, member({ name: '', email: 's1@a.test' })).expect(400);
      expect(refused.text).toMatch(/id="name-error"/);
      expect(refused.text).toContain(`action="/staff/${id}/edit"`);
    });

    it('is 404 for another school’s member', async () => {
      await get(`/staff/${world.b.staffIds[0]}/edit`).expect(404);
      await post(`/staff/${world.b.staffIds[0]}/edit`, member({})).expect(404);
    });
  });

  describe('leave and return', () => {
    it('marks a leaver, lists them among the leavers, and undoes it', async () => {
      const { headers } = await post('/staff/new', member({ name: 'Gwyn Gadael', email: 'gwyn@a.test' })).expect(303);
      const id = idIn(headers.location);
      const left = await post(`/staff/${id}/leave`, { leftOn: '2026-11-20' }).expect(303);
      expect(left.headers.location).toBe(`/staff/${id}?changed=left`);
      const listed = await get('/staff/leavers').expect(200);
      expect(listed.text.split('<h2>')[0]).toContain('Gwyn Gadael');
      const returned = await post(`/staff/${id}/return`, {}).expect(303);
      expect(returned.headers.location).toBe(`/staff/${id}?changed=returned`);
      const leavers = await get('/staff/leavers').expect(200);
      expect(leavers.text).not.toContain('Gwyn Gadael');
    });

    it('refuses a leaving date before the start with 400, beside the leaving date, leaving the member as they were', async () => {
      const id = world.a.staffIds[2];
      const refused = await post(`/staff/${id}/leave`, { leftOn: '2020-01-01' }).expect(400);
      expect(refused.text).toMatch(/id="leftOn-error"/);
      expect(refused.text).toContain('value="2020-01-01"');
      const [row] = await testApp.dataSource.query(`SELECT "leftOn" FROM staff_member WHERE id = ${id}`);
      expect(row.leftOn).toBeNull();
    });

    it('lists a future starter apart from the leavers', async () => {
      await post(
        '/staff/new',
        member({ name: 'Ffion Dyfodol', email: 'ffion@a.test', startDate: '2027-01-04' }),
      ).expect(303);
      const page = await get('/staff/leavers').expect(200);
      const [leavers, future] = page.text.split('<h2>');
      expect(future).toContain('Ffion Dyfodol');
      expect(leavers).not.toContain('Ffion Dyfodol');
    });
  });
});
