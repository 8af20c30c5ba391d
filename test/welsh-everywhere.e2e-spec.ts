import { MONTHS } from '../src/common/format-day';
import { parseDocument } from 'htmlparser2';
import { Element } from 'domhandler';
import request from 'supertest';
import { englishLeaks, englishLeaksInText, Leak, unmarkedEnglish } from './utils/english-leaks';
import { createTestApp, TestApp } from './utils/create-test-app';

const PASSWORD = 'demo-password-2026';
const ROLES = {
  admin: 'admin@demo.example',
  dsp: 'dsp@bryn-derw.example',
  governor: 'governor@bryn-derw.example',
  staff: 'rhodri.evans@bryn-derw.example',
};
/**
 * Every page route each role reaches by following links from its home page: the crawl must
 * reach exactly these (a page that goes missing, or a new one not listed here, fails it).
 */
const EXPECTED_PAGES: Record<keyof typeof ROLES, string[]> = {
  admin: [
    '/',
    '/account',
    '/account/password',
    '/accounts',
    '/admin',
    '/admin/schools/new',
    '/courses',
    '/courses/:id/edit',
    '/courses/new',
    '/schools/:id/report',
    '/schools/:id/summary',
    '/staff/:id',
  ],
  dsp: [
    '/',
    '/account',
    '/account/password',
    '/accounts',
    '/audits/new',
    '/changes',
    '/completions/new',
    '/concerns',
    '/courses',
    '/courses/:id/edit',
    '/courses/new',
    '/import',
    '/requirements',
    '/requirements/:code/edit',
    '/requirements/new',
    '/schools/:id/report',
    '/schools/:id/summary',
    '/sessions/new',
    '/settings',
    '/staff',
    '/staff/:id',
    '/staff/:id/audit',
    '/staff/:id/edit',
    '/staff/import',
    '/staff/leavers',
    '/staff/new',
    '/verify',
  ],
  governor: ['/', '/account', '/account/password', '/schools/:id/report', '/schools/:id/summary'],
  staff: ['/', '/account', '/account/password', '/me', '/me/training'],
};
/** Pages for someone not signed in: checked in Welsh by themselves (a link's token made up). */
const SIGNED_OUT_PAGES: Record<string, string> = {
  '/login': '/login',
  '/forgot-password': '/forgot-password',
  '/invite/:token': '/invite/not-a-real-token',
  '/reset/:token': '/reset/not-a-real-token',
};
/** Routes that answer with a file or send the browser elsewhere, never a page of their own. */
const NOT_PAGE_ROUTES = ['/certificates/:id', '/schools/:id/compliance.csv', '/login/hwb', '/login/hwb/callback'];
/** Pages of one shape (a staff record, a school's summary) are checked a few at a time, not all thirty. */
const PER_SHAPE = 3;
const NOT_PAGES = /^\/(api|assets|logout|language)\b|\.csv$/;

type Agent = ReturnType<typeof request.agent>;
interface ExpressRouter {
  stack: { route?: { path: string; methods: Record<string, boolean> } }[];
}

/** The app's own page routes (GET, outside /api), as Express holds them: new pages included. */
function pageRoutes(app: TestApp['app']): string[] {
  const express = app.getHttpAdapter().getInstance() as { router?: ExpressRouter; _router?: ExpressRouter };
  const layers = (express.router ?? express._router)!.stack;
  const paths = layers.filter((layer) => layer.route?.methods.get).map((layer) => layer.route!.path);
  return [...new Set(paths)].filter((path) => !path.startsWith('/api') && !path.includes('*')).sort();
}

/** The route a path was served by: literal routes (/staff/new) before ones with parameters (/staff/:id). */
function routeOf(path: string, routes: string[]): string {
  const bare = path.split('?')[0];
  const params = (route: string) => route.split('/').filter((part) => part.startsWith(':')).length;
  const match = [...routes]
    .sort((a, b) => params(a) - params(b))
    .find((route) => new RegExp(`^${route.replace(/:\w+/g, '[^/]+')}$`).test(bare));
  return match ?? `no route: ${bare}`;
}

function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)![1];
}

function linksIn(html: string): string[] {
  const links: string[] = [];
  const visit = (nodes: unknown[]) => {
    for (const node of nodes) {
      if (!(node instanceof Element)) continue;
      if (node.name === 'a' && node.attribs.href?.startsWith('/')) links.push(node.attribs.href.split('#')[0]);
      visit(node.children);
    }
  };
  visit(parseDocument(html).children);
  return links;
}

describe('Welsh pages and emails have no English left in them', () => {
  let testApp: TestApp;
  /**
   * Our courses' English titles: on a Welsh page a course with a Welsh title shows that one,
   * and one without is shown in English marked lang="en".
   */
  let englishTitles: string[];
  beforeAll(async () => {
    testApp = await createTestApp({ today: '2026-11-27', seedDemo: true });
    const rows: { title: string; titleCy: string | null }[] = await testApp.dataSource.query(
      `SELECT title, "titleCy" FROM course`,
    );
    englishTitles = rows.map((row) => row.title);
    // Both kinds are in the demo, so both are checked.
    expect(rows.filter((row) => row.titleCy).length).toBeGreaterThan(0);
    expect(rows.filter((row) => !row.titleCy).length).toBeGreaterThan(0);
  });
  afterAll(() => testApp.close());

  /** Signed in, then switched to Welsh with the switch, as a visitor would. */
  async function welshAgent(email: string): Promise<{ agent: Agent; csrf: string }> {
    const agent = request.agent(testApp.app.getHttpServer());
    const login = await agent.get('/login').expect(200);
    await agent
      .post('/login')
      .type('form')
      .send({ email, password: PASSWORD, _csrf: csrfOf(login.text), next: '/' })
      .expect(303);
    const home = await agent.get('/').redirects(3).expect(200);
    await agent
      .post('/language')
      .type('form')
      .send({ lang: 'cy', next: '/', _csrf: csrfOf(home.text) })
      .expect(303);
    const welsh = await agent.get('/').redirects(3).expect(200);
    expect(welsh.text).toContain('<html lang="cy">');
    return { agent, csrf: csrfOf(welsh.text) };
  }

  /** Every page reachable by links from the home page (a few of each shape), each checked. */
  async function crawl(agent: Agent): Promise<{ leaks: Leak[]; visited: string[] }> {
    const queue = ['/'];
    const seen = new Set<string>(queue);
    const shapes = new Map<string, number>();
    const leaks: Leak[] = [];
    const visited: string[] = [];
    while (queue.length) {
      const path = queue.shift()!;
      // Whether each link works is other tests' business; here even an error page must be Welsh.
      const page = await agent.get(path).redirects(3);
      // Certificates and downloads are files, not pages.
      if (!String(page.headers['content-type']).includes('text/html')) continue;
      expect({ path, lang: /<html lang="(\w+)">/.exec(page.text)?.[1] }).toEqual({ path, lang: 'cy' });
      visited.push(path);
      leaks.push(...englishLeaks(path, page.text), ...unmarkedEnglish(path, page.text, englishTitles));
      for (const link of linksIn(page.text)) {
        if (seen.has(link) || NOT_PAGES.test(link)) continue;
        seen.add(link);
        const shape = link.replace(/\d+/g, ':id');
        if ((shapes.get(shape) ?? 0) >= PER_SHAPE) continue;
        shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
        queue.push(link);
      }
    }
    return { leaks, visited };
  }

  it.each(Object.entries(ROLES))('every page a %s reaches is Welsh', async (role, email) => {
    const { agent } = await welshAgent(email);
    const { leaks, visited } = await crawl(agent);
    const routes = pageRoutes(testApp.app);
    expect([...new Set(visited.map((path) => routeOf(path, routes)))].sort()).toEqual(
      EXPECTED_PAGES[role as keyof typeof ROLES],
    );
    expect(leaks).toEqual([]);
  });

  it('the crawl knows every page route the app has, and each role reaches pages', () => {
    const listed = [...Object.values(EXPECTED_PAGES).flat(), ...Object.keys(SIGNED_OUT_PAGES), ...NOT_PAGE_ROUTES];
    expect([...new Set(listed)].sort()).toEqual(pageRoutes(testApp.app));
    for (const pages of Object.values(EXPECTED_PAGES)) expect(pages.length).toBeGreaterThan(3);
  });

  it('the pages before signing in are Welsh', async () => {
    const agent = request.agent(testApp.app.getHttpServer());
    const login = await agent.get('/login').expect(200);
    await agent
      .post('/language')
      .type('form')
      .send({ lang: 'cy', next: '/login', _csrf: csrfOf(login.text) })
      .expect(303);
    const leaks: Leak[] = [];
    const csrf = csrfOf((await agent.get('/login').expect(200)).text);
    const wrongSignIn = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, email: 'nobody@bryn-derw.example', password: 'not-the-password', next: '/' });
    leaks.push(...englishLeaks('wrong sign-in', wrongSignIn.text));
    const badEmail = await agent.post('/forgot-password').type('form').send({ _csrf: csrf, email: 'not-an-email' });
    leaks.push(...englishLeaks('forgot password, not an email', badEmail.text));
    for (const refused of [wrongSignIn, badEmail]) expect(refused.text).toContain('<html lang="cy">');
    for (const path of Object.values(SIGNED_OUT_PAGES)) {
      const page = await agent.get(path);
      expect({ path, lang: /<html lang="(\w+)">/.exec(page.text)?.[1] }).toEqual({ path, lang: 'cy' });
      leaks.push(...englishLeaks(path, page.text));
    }
    expect(leaks).toEqual([]);
  });

  it('a DSP’s forms, refusals, notices and error pages are Welsh', async () => {
    const { agent, csrf } = await welshAgent(ROLES.dsp);
    const leaks: Leak[] = [];
    const check = (where: string, response: { text: string }) =>
      leaks.push(...englishLeaks(where, response.text), ...unmarkedEnglish(where, response.text, englishTitles));

    check(
      'bad completion',
      await agent
        .post('/completions/new')
        .type('form')
        .send({ _csrf: csrf, staffId: '', courseId: '', completedOn: '2026-02-30' })
        .expect(400),
    );
    const form = await agent.get('/completions/new').expect(200);
    const staffId = /<option value="(\d+)"/.exec(form.text.split('id="staffId"')[1])![1];
    const courseId = /<option value="(\d+)"/.exec(form.text.split('id="courseId"')[1])![1];
    const future = await agent
      .post('/completions/new')
      .type('form')
      .send({ _csrf: csrf, staffId, courseId, completedOn: '2026-12-25' })
      .expect(400);
    expect(future.text).toContain('25 Rhagfyr 2026');
    check('completion after today', future);
    await agent
      .post('/completions/new')
      .type('form')
      .send({ _csrf: csrf, staffId, courseId, completedOn: '2026-11-20' })
      .expect(303);
    const changes = await agent.get('/changes').expect(200);
    // When, and the fields, in Welsh: "29 Tachwedd 2026, 10:15".
    expect(changes.text).toMatch(new RegExp(String.raw`<td>\d{1,2} (${MONTHS.cy.join('|')}) \d{4}, \d\d:\d\d</td>`));
    check('change log after recording training', changes);
    check('empty session', await agent.post('/sessions/new').type('form').send({ _csrf: csrf }).expect(400));
    check(
      'bad settings',
      await agent.post('/settings').type('form').send({ _csrf: csrf, dueSoonDays: '400' }).expect(400),
    );
    check(
      'bad account language',
      await agent.post('/account').type('form').send({ _csrf: csrf, language: 'fr' }).expect(400),
    );

    check(
      'refused invitation',
      await agent
        .post('/accounts/invite')
        .type('form')
        .send({ _csrf: csrf, email: 'governor@bryn-derw.example', role: 'staff' })
        .expect(400),
    );
    check('invitation sent', await agent.get('/accounts?changed=invited').expect(200));

    const upload = (csv: string) =>
      agent.post('/import').field('_csrf', csrf).attach('file', Buffer.from(csv), 'completions.csv');
    const header = 'email,course,completed_on,evidence\n';
    const badRows = await upload(
      header +
        [
          'nobody@bryn-derw.example,No such course,2026-02-30,x',
          `rhodri.evans@bryn-derw.example,${courseId},2026-12-25,y`,
          `rhodri.evans@bryn-derw.example,${courseId},2026-11-01,z`,
          `rhodri.evans@bryn-derw.example,${courseId},2026-11-01,z`,
        ].join('\n') +
        '\n',
    ).expect(400);
    expect(badRows.text).toContain('25 Rhagfyr 2026');
    check('import with bad rows', badRows);
    check('import with a bad header', await upload('who,what\nx,y\n').expect(400));
    check('import of nothing', await upload(header).expect(400));
    const good = await upload(`${header}rhodri.evans@bryn-derw.example,${courseId},2026-11-02,ok\n`).expect(200);
    expect(good.text).toContain('Mae’r un rhes yn gywir');
    check('import preview', good);

    const staffUpload = (csv: string) =>
      agent.post('/staff/import').field('_csrf', csrf).attach('file', Buffer.from(csv), 'staff.csv');
    const badStaff = await staffUpload(
      'email,name,start date,left on,language,slt\nnot-an-email,,31/02/2020,,fr,maybe\n',
    ).expect(400);
    expect(badStaff.text).toContain('Nid yw “fr” yn iaith');
    expect(badStaff.text).toContain('<td>Uwch arweinydd</td>');
    check('staff import with bad rows', badStaff);
    check('staff import without an email column', await staffUpload('name,start date\nAnn,2020-01-01\n'));
    // Changes to every yes-or-no column are listed by their Welsh names.
    const staffPreview = await staffUpload(
      'email,name,start date,slt,filtering lead\nrhodri.evans@bryn-derw.example,Rhodri Evans,2021-11-27,yes,yes\n',
    ).expect(200);
    expect(staffPreview.text).toContain('Arweinydd hidlo a monitro: na → ie');
    check('staff import preview', staffPreview);

    // The other forms, sent empty or wrong: each answers with its refusals in Welsh.
    for (const [path, fields] of [
      ['/staff/new', { name: '', email: 'not-an-email', startDate: '2026-02-30' }],
      ['/courses/new', { title: '', validityMonths: '0' }],
      ['/audits/new', { auditedOn: '2026-12-25' }],
      ['/staff/import/confirm', { uploadId: 'no-such-upload' }],
      ['/account/password', { current: 'wrong', password: 'x', confirm: 'y' }],
      ['/accounts/invite', { email: 'not-an-email', role: 'nobody' }],
      ['/requirements/new', { code: 'Not A Code', titleEn: '', titleCy: '', refresh: 'months', refreshMonths: '99' }],
    ] as const) {
      const refused = await agent
        .post(path)
        .type('form')
        .send({ _csrf: csrf, ...fields });
      expect({ path, status: refused.status, lang: /<html lang="(\w+)">/.exec(refused.text)?.[1] }).toEqual({
        path,
        status: 400,
        lang: 'cy',
      });
      check(`${path} refused`, refused);
    }

    for (const path of ['/staff?imported=2', '/staff?recorded=3', '/staff/999999', '/no-such-page'])
      check(path, await agent.get(path));
    expect(leaks).toEqual([]);
  });

  it('a member of staff’s and an admin’s forms refuse in Welsh', async () => {
    const leaks: Leak[] = [];
    const refusedInWelsh = async (role: keyof typeof ROLES, path: string, fields: Record<string, string>) => {
      const { agent, csrf } = await welshAgent(ROLES[role]);
      const refused = await agent
        .post(path)
        .type('form')
        .send({ _csrf: csrf, ...fields });
      expect({ path, status: refused.status, lang: /<html lang="(\w+)">/.exec(refused.text)?.[1] }).toEqual({
        path,
        status: 400,
        lang: 'cy',
      });
      leaks.push(...englishLeaks(`${role} ${path}`, refused.text));
      return refused.text;
    };
    const ownTraining = await refusedInWelsh('staff', '/me/training', { courseId: '', completedOn: '2026-12-25' });
    expect(ownTraining).toContain('Dewiswch gwrs');
    await refusedInWelsh('admin', '/admin/schools/new', { name: '', kind: 'palace', dspEmail: 'x' });
    await refusedInWelsh('governor', '/account', { language: 'fr' });
    expect(leaks).toEqual([]);
  });

  it('a governor’s CSV and refused pages are Welsh', async () => {
    const { agent } = await welshAgent(ROLES.governor);
    const csv = await agent.get('/schools/1/compliance.csv').buffer(true).expect(200);
    const text = csv.text.replace(/^\ufeff/, '');
    // Unnamed rows: no role; one column per all-staff requirement, named by its training in Welsh.
    expect(text.split('\r\n')[0]).toBe(
      'Statws hyfforddiant,Dyddiad dod i ben hyfforddiant diogelwch ar-lein,Statws cyffredinol,' +
        'Diogelwch ar-lein,Ymateb i aflonyddu rhywiol ar-lein,Diogelu',
    );
    const leaks = englishLeaksInText('compliance.csv', text);
    leaks.push(...englishLeaks('a staff list for a governor', (await agent.get('/staff').expect(403)).text));
    expect(leaks).toEqual([]);
  });

  it('finds English when it is there: a page in English fails the check', async () => {
    const agent = request.agent(testApp.app.getHttpServer());
    const login = await agent.get('/login').expect(200);
    // The English login page, declared Welsh: every English sentence on it is a leak.
    const declaredWelsh = login.text.replace('<html lang="en">', '<html lang="cy">');
    expect(englishLeaks('/login in English', declaredWelsh)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ english: 'Log in' }),
        expect.objectContaining({ english: 'Password' }),
      ]),
    );
    expect(englishLeaks('quoted', '<html lang="cy"><p lang="en">Log in</p></html>')).toEqual([]);
    const title = 'Keeping safe online';
    expect(unmarkedEnglish('bare', `<p>Cwrs: ${title}</p>`, [title])).toEqual([
      expect.objectContaining({ english: title }),
    ]);
    expect(unmarkedEnglish('marked', `<p>Cwrs: <span lang="en">${title}</span></p>`, [title])).toEqual([]);
  });
});
