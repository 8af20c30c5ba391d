import { SettingsPagesController } from '../src/web/settings-pages.controller';
import { PASSWORD, World } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { PageSession, postForm, signInPage } from './utils/page-session';
import { useWorld } from './utils/use-world';

describe(SettingsPagesController.name, () => {
  let testApp: TestApp;
  let world: World;
  let dsp: PageSession;

  useWorld({}, (app, built) => {
    testApp = app;
    world = built;
  });
  beforeAll(async () => {
    dsp = await signInPage(testApp, 'dsp@a.test', PASSWORD);
  });

  const post = (form: Record<string, string>) => postForm(testApp, dsp, '/settings', form);
  const settings = {
    annualRefreshMonths: '12',
    inductionWindowDays: '30',
    dueSoonDays: '45',
    coverageThresholdPercent: '90',
    coordinatorCopyAfterDays: '14',
    reminderOffsetsDays: '30, 7',
    expiryBasis: 'rolling',
    academicYearGraceDays: '30',
  };
  const dueSoonDays = async () =>
    (await testApp.dataSource.query(`SELECT "dueSoonDays" FROM school WHERE id = ${world.a.id}`))[0].dueSoonDays;

  it('saves the settings and goes back to the form, which says so', async () => {
    const saved = await post(settings).expect(303);
    expect(saved.headers.location).toBe('/settings?saved=1');
    expect(await dueSoonDays()).toBe(45);
    const page = await testApp.http.get(saved.headers.location).set('Cookie', dsp.cookies).expect(200);
    expect(page.text).toContain('role="status">Saved.');
    expect(page.text).toContain('name="dueSoonDays" value="45"');
  });

  it('shows a refused form again (400) with what was typed and the field named, changing nothing', async () => {
    const before = await tableCounts(testApp.dataSource);
    const refused = await post({ ...settings, dueSoonDays: '400', coverageThresholdPercent: '85' }).expect(400);
    expect(refused.text).toMatch(/id="dueSoonDays-error"/);
    expect(refused.text).toContain('name="coverageThresholdPercent" value="85"');
    expect(refused.text).not.toContain('role="status">Saved.');
    expect(await tableCounts(testApp.dataSource)).toEqual(before);
    expect(await dueSoonDays()).toBe(45);
  });
});
