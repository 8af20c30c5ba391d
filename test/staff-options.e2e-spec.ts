import { SchoolPagesService } from '../src/web/school-pages.service';
import { buildStaff, PASSWORD, World } from './factories/world';
import { TestApp } from './utils/create-test-app';
import { PageSession, signInPage } from './utils/page-session';
import { bearer, useWorld } from './utils/use-world';

/** The staff ids a page offers, in the order it offers them. */
const OFFERED: Record<string, (html: string) => number[]> = {
  '/completions/new': (html) => optionIds(html, 'staffId'),
  '/sessions/new': (html) => [...html.matchAll(/name="staffIds" value="(\d+)"/g)].map((match) => Number(match[1])),
  '/audits/new': (html) => [...html.matchAll(/name="note-(\d+)"/g)].map((match) => Number(match[1])),
  '/settings': (html) => optionIds(html, 'trainingCoordinatorId'),
};

function optionIds(html: string, selectId: string): number[] {
  const start = html.indexOf(`<select id="${selectId}"`);
  const select = html.slice(start, html.indexOf('</select>', start));
  return [...select.matchAll(/<option value="(\d+)"/g)].map((match) => Number(match[1]));
}

describe(SchoolPagesService.name, () => {
  let testApp: TestApp;
  let world: World;
  let dsp: PageSession;
  const ids: Record<string, number> = {};

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });
  beforeAll(async () => {
    const add = async (key: string, fields: Record<string, unknown>, schoolId = world.a.id) => {
      const member = await testApp.http
        .post('/api/staff')
        .set(bearer(world.adminToken))
        .send(buildStaff(schoolId, fields))
        .expect(201);
      ids[key] = member.body.id as number;
    };
    await add('leaver', { name: 'Aled Leaver', leftOn: '2026-11-20' });
    await add('leavesToday', { name: 'Beca Leaves Today', leftOn: '2026-11-27' });
    await add('leavesLater', { name: 'Zac Leaves Later', leftOn: '2026-12-20' });
    await add('futureStarter', { name: 'Carys Future', startDate: '2026-12-01' });
    await add('startsToday', { name: 'Aaron Starts Today', startDate: '2026-11-27' });
    dsp = await signInPage(testApp, 'dsp@a.test', PASSWORD);
  });

  describe('activeStaffOptions', () => {
    it.each(Object.keys(OFFERED))(
      '%s offers the school’s active staff by name: no leaver, no future starter, nobody from another school',
      async (path) => {
        const page = await testApp.http.get(path).set('Cookie', dsp.cookies).expect(200);
        const [a0, a1, a2] = world.a.staffIds;
        // By name: Aaron…, Member a0, a1, a2, Zac…
        expect(OFFERED[path](page.text)).toEqual([ids.startsToday, a0, a1, a2, ids.leavesLater]);
        expect(page.text).not.toMatch(/Member b\d/);
      },
    );
  });
});
