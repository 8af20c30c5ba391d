import request from 'supertest';
import { createTestApp, TestApp } from './utils/create-test-app';

const PASSWORD = 'demo-password-2026';
type Agent = ReturnType<typeof request.agent>;

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
const langOf = (html: string) => /<html lang="(\w+)">/.exec(html)?.[1];

describe('each person’s own language', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({ today: '2026-11-27', seedDemo: true });
  });
  afterAll(() => testApp.close());

  async function signIn(email: string, agent: Agent = request.agent(testApp.app.getHttpServer())): Promise<Agent> {
    const login = await agent.get('/login').expect(200);
    await agent
      .post('/login')
      .type('form')
      .send({ email, password: PASSWORD, _csrf: csrfOf(login.text), next: '/account' })
      .expect(303);
    return agent;
  }

  async function post(agent: Agent, path: string, form: Record<string, string>, status: number) {
    const page = await agent.get('/account').expect(200);
    return agent
      .post(path)
      .type('form')
      .send({ ...form, _csrf: csrfOf(page.text) })
      .expect(status);
  }

  it('a governor chooses Welsh on their account page; every later sign-in is Welsh', async () => {
    const governor = await signIn('governor@bryn-derw.example');
    expect(langOf((await governor.get('/account')).text)).toBe('en');
    await post(governor, '/account', { language: 'cy' }, 303).then((response) =>
      expect(response.headers.location).toBe('/account?saved=1'),
    );
    expect(langOf((await governor.get('/schools/1/summary').expect(200)).text)).toBe('cy');
    const [row] = await testApp.dataSource.query(
      `SELECT language FROM app_user WHERE email = 'governor@bryn-derw.example'`,
    );
    expect(row.language).toBe('cy');

    const nextVisit = await signIn('governor@bryn-derw.example');
    const summary = await nextVisit.get('/schools/1/summary').expect(200);
    expect(langOf(summary.text)).toBe('cy');
    expect(summary.text).toContain('Crynodeb cydymffurfiaeth');
  });

  it(
    'the switch still changes the language for the rest of a visit, and the account’s ' + 'returns at the next sign-in',
    async () => {
      const agent = await signIn('admin@demo.example');
      await post(agent, '/account', { language: 'cy' }, 303);
      expect(langOf((await agent.get('/admin').expect(200)).text)).toBe('cy');
      await post(agent, '/language', { lang: 'en', next: '/admin' }, 303);
      expect(langOf((await agent.get('/admin').expect(200)).text)).toBe('en');
      expect(langOf((await agent.get('/account').expect(200)).text)).toBe('en');

      await signIn('admin@demo.example', agent);
      expect(langOf((await agent.get('/admin').expect(200)).text)).toBe('cy');
    },
  );

  it(
    'staff pages follow their staff record’s language, which their account page changes ' + '(and so their emails)',
    async () => {
      const [member] = await testApp.dataSource.query(
        `SELECT id, language FROM staff_member WHERE email = 'rhodri.evans@bryn-derw.example'`,
      );
      const staff = await signIn('rhodri.evans@bryn-derw.example');
      expect(langOf((await staff.get(`/staff/${member.id}`).expect(200)).text)).toBe(member.language);
      const other = member.language === 'cy' ? 'en' : 'cy';
      await post(staff, '/account', { language: other }, 303);
      const [after] = await testApp.dataSource.query(
        `SELECT language FROM staff_member WHERE id = ${Number(member.id)}`,
      );
      expect(after.language).toBe(other);
      expect(langOf((await staff.get(`/staff/${member.id}`).expect(200)).text)).toBe(other);
      const [change] = await testApp.dataSource.query(
        `SELECT entity, action FROM change_log WHERE entity = 'staff' AND "entityId" = ` +
          `${Number(member.id)} ORDER BY id DESC LIMIT 1`,
      );
      expect(change).toEqual({ entity: 'staff', action: 'update' });
    },
  );

  it('refuses a language it does not have (400), changing nothing', async () => {
    const agent = await signIn('dsp@bryn-derw.example');
    const refused = await post(agent, '/account', { language: 'fr' }, 400);
    expect(refused.text).toContain('Choose English or Cymraeg.');
    const [row] = await testApp.dataSource.query(`SELECT language FROM app_user WHERE email = 'dsp@bryn-derw.example'`);
    expect(row.language).toBeNull();
  });

  it('before sign-in, a browser asking for Welsh gets Welsh', async () => {
    const page = await testApp.http.get('/login').set('Accept-Language', 'cy-GB,cy;q=0.9,en;q=0.5').expect(200);
    expect(langOf(page.text)).toBe('cy');
    expect(page.text).toContain('Mewngofnodi');
  });
});
