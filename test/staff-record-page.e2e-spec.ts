import { buildReminderSchool, ReminderSchool } from './factories/reminder-school';
import { createTestApp, TestApp } from './utils/create-test-app';
import { PageSession, signInPage } from './utils/page-session';
import { bearer } from './utils/use-world';

/** A table's body rows as text, one array of cell texts per row (tags dropped, spaces squeezed). */
function rowsOf(html: string, tableLabel: string): string[][] {
  const start = html.indexOf(`aria-labelledby="${tableLabel}"`, html.indexOf(`id="${tableLabel}"`));
  const table = html.slice(start, html.indexOf('</table>', start));
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      cell[1]
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

describe('Training requirement pages: the member’s record, the governors’ table, the DSP’s requirements', () => {
  let testApp: TestApp;
  let school: ReminderSchool;
  let dsp: PageSession;

  beforeAll(async () => {
    testApp = await createTestApp({ today: '2026-11-27' });
    school = await buildReminderSchool(testApp, 'Ysgol Cofnod');
    await testApp.http
      .post(`/api/schools/${school.schoolId}/requirements`)
      .set(bearer(school.adminToken))
      .send({
        code: 'local-briefing',
        titleEn: 'Local safeguarding briefing',
        titleCy: 'Briff diogelu lleol',
        audience: 'all-staff',
        topics: ['safeguarding'],
        refreshMonths: null,
        induction: false,
      })
      .expect(201);
    dsp = await signInPage(testApp, 'dsp-user@ysgolcofnod.test', 'a-long-test-password');
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('names each requirement a reminder was about by its title, a school’s own included', async () => {
    await testApp.http.post('/api/reminders/run').set(bearer(school.adminToken)).expect(200);
    const reminders = await testApp.dataSource.query(
      `SELECT DISTINCT training FROM reminder WHERE "staffId" = ${Number(school.ids.overdue7)}`,
    );
    const trainings = (reminders as { training: string }[]).map((row) => row.training);
    expect(trainings).toEqual(expect.arrayContaining(['osh-response', 'local-briefing']));

    const page = await testApp.http.get(`/staff/${school.ids.overdue7}`).set('Cookie', dsp.cookies).expect(200);
    const reminderTable = page.text.slice(page.text.lastIndexOf('<table'));
    expect(reminderTable).toContain('Responding to online sexual harassment');
    expect(reminderTable).toContain('Local safeguarding briefing');
  });

  it('shows a member one line per requirement that applies: status, expiry, the completion meeting it', async () => {
    const page = await testApp.http.get(`/staff/${school.ids.dsp}`).set('Cookie', dsp.cookies).expect(200);
    const rows = rowsOf(page.text, 'requirements-heading');
    // The DSP: the three all-staff defaults, DSP advanced, and the school's own; not filtering (no such role).
    expect(rows).toEqual([
      ['Online safety', 'Current', '1 June 2027', 'Keeping safe online (ysgolcofnod), 1 June 2026'],
      [
        'Responding to online sexual harassment',
        'Current',
        '1 June 2027',
        'Keeping safe online (ysgolcofnod), 1 June 2026',
      ],
      [
        'Safeguarding, including online safety',
        'Current',
        '1 June 2027',
        'Keeping safe online (ysgolcofnod), 1 June 2026',
      ],
      ['DSP advanced training', 'Current', '1 June 2028', 'DSP advanced (ysgolcofnod), 1 June 2026'],
      ['Local safeguarding briefing', 'Current', '1 June 2027', 'Keeping safe online (ysgolcofnod), 1 June 2026'],
    ]);
    const starter = await testApp.http.get(`/staff/${school.ids.starter}`).set('Cookie', dsp.cookies).expect(200);
    expect(rowsOf(starter.text, 'requirements-heading')[0]).toEqual([
      'Online safety',
      'Induction due',
      '—',
      'No training yet',
    ]);
  });

  it('shows requirement titles in Welsh on Welsh pages', async () => {
    const cookies = [...dsp.cookies, 'lang=cy'];
    const page = await testApp.http.get(`/staff/${school.ids.dsp}`).set('Cookie', cookies).expect(200);
    expect(rowsOf(page.text, 'requirements-heading').map((row) => row[0])).toEqual([
      'Diogelwch ar-lein',
      'Ymateb i aflonyddu rhywiol ar-lein',
      'Diogelu, gan gynnwys diogelwch ar-lein',
      'Hyfforddiant uwch y person diogelu dynodedig',
      'Briff diogelu lleol',
    ]);
    const summary = await testApp.http.get(`/schools/${school.schoolId}/summary`).set('Cookie', cookies).expect(200);
    expect(rowsOf(summary.text, 'requirements-heading')[4]).toEqual(['Hidlo a monitro', '0', '0', '—']);
  });

  it('gives the governors’ summary a table of requirements: applies, current, percent', async () => {
    const summary = await testApp.http
      .get(`/schools/${school.schoolId}/summary`)
      .set('Cookie', dsp.cookies)
      .expect(200);
    const rows = rowsOf(summary.text, 'requirements-heading');
    // Nine active staff: dsp, coordinator, due30, due7 and fine current; today, overdue7 and overdue28 lapsed;
    // the starter in induction.
    expect(rows.map((row) => row[0])).toEqual([
      'Online safety',
      'Responding to online sexual harassment',
      'Safeguarding, including online safety',
      'DSP advanced training',
      'Filtering and monitoring',
      'Local safeguarding briefing',
    ]);
    expect(rows[0]).toEqual(['Online safety', '9', '5', '55.6%']);
    expect(rows[3]).toEqual(['DSP advanced training', '1', '1', '100%']);
    // One status chart per requirement that applies to someone (not filtering: no filtering lead), each titled apart.
    expect([...summary.text.matchAll(/<title id="requirement-([a-z-]+)-chart-title">/g)].map((m) => m[1])).toEqual([
      'online-safety',
      'osh-response',
      'safeguarding',
      'dsp-advanced',
      'local-briefing',
    ]);
  });

  describe('the DSP’s requirements page', () => {
    const form = (fields: Record<string, string | string[]>) => ({ _csrf: dsp.csrf, ...fields });
    const stored = async (code: string) =>
      (
        await testApp.dataSource.query(
          `SELECT * FROM training_requirement WHERE "schoolId" = ${school.schoolId} AND code = '${code}'`,
        )
      )[0];

    it('refuses a bad form with 400, keeping what was typed beside the errors, and saves nothing', async () => {
      const page = await testApp.http
        .post('/requirements/new')
        .set('Cookie', dsp.cookies)
        .type('form')
        .send(
          form({
            code: 'Bad Code',
            titleEn: 'Prevent duty',
            audience: 'custom',
            refresh: 'months',
            refreshMonths: '99',
          }),
        )
        .expect(400);
      expect(page.text).toContain('id="code-error"');
      expect(page.text).toContain('id="titleCy-error"');
      expect(page.text).toContain('id="audience-error"');
      expect(page.text).toContain('id="topics-error"');
      expect(page.text).toContain('id="refreshMonths-error"');
      expect(page.text).toContain('value="Bad Code"');
      expect(page.text).toContain('value="Prevent duty"');
      expect(page.text).toMatch(/id="refresh-months" value="months"\s+checked/);
      await expect(stored('bad-code')).resolves.toBeUndefined();
    });

    it('adds a requirement for chosen roles, edits it, and removes it', async () => {
      await testApp.http
        .post('/requirements/new')
        .set('Cookie', dsp.cookies)
        .type('form')
        .send(
          form({
            code: 'prevent-duty',
            titleEn: 'Prevent duty',
            titleCy: 'Dyletswydd Prevent',
            audience: 'custom',
            roles: ['deputy-dsp', 'senior-leader'],
            topics: 'safeguarding',
            refresh: 'months',
            refreshMonths: '24',
          }),
        )
        .expect(303)
        .expect('Location', '/requirements?done=saved');
      await expect(stored('prevent-duty')).resolves.toMatchObject({
        titleCy: 'Dyletswydd Prevent',
        audience: '["deputy-dsp","senior-leader"]',
        refreshMonths: 24,
      });
      await testApp.http
        .post('/requirements/prevent-duty/edit')
        .set('Cookie', dsp.cookies)
        .type('form')
        .send(
          form({
            titleEn: 'Prevent',
            titleCy: 'Prevent',
            audience: 'all-staff',
            topics: 'safeguarding',
            refresh: 'annual',
            induction: 'on',
          }),
        )
        .expect(303);
      const edited = await stored('prevent-duty');
      expect(edited).toMatchObject({ titleEn: 'Prevent', audience: '"all-staff"', refreshMonths: null });
      expect(Boolean(edited.followsAnnualRefresh) && Boolean(edited.induction)).toBe(true);
      await testApp.http
        .post('/requirements/prevent-duty/remove')
        .set('Cookie', dsp.cookies)
        .type('form')
        .send(form({}))
        .expect(303);
      await expect(stored('prevent-duty')).resolves.toBeUndefined();
    });

    it('refuses a code the school already uses beside the code field, and removing online safety (409)', async () => {
      const taken = await testApp.http
        .post('/requirements/new')
        .set('Cookie', dsp.cookies)
        .type('form')
        .send(
          form({
            code: 'local-briefing',
            titleEn: 'Again',
            titleCy: 'Eto',
            audience: 'all-staff',
            topics: 'safeguarding',
            refresh: 'course',
          }),
        )
        .expect(400);
      expect(taken.text).toMatch(/id="code-error"[^>]*>[\s\S]*?already has a requirement with this code/);
      await expect(stored('local-briefing')).resolves.toMatchObject({ titleEn: 'Local safeguarding briefing' });
      const refused = await testApp.http
        .post('/requirements/online-safety/remove')
        .set('Cookie', dsp.cookies)
        .type('form')
        .send(form({}))
        .expect(409);
      expect(refused.text).toContain('can be edited but not removed');
      await expect(stored('online-safety')).resolves.toBeDefined();
    });

    it('keeps the online-safety requirement’s audience and topics off its form', async () => {
      const page = await testApp.http.get('/requirements/online-safety/edit').set('Cookie', dsp.cookies).expect(200);
      expect(page.text).not.toContain('name="audience"');
      expect(page.text).not.toContain('name="topics"');
      await testApp.http
        .post('/requirements/online-safety/edit')
        .set('Cookie', dsp.cookies)
        .type('form')
        .send(
          form({
            titleEn: 'Online safety',
            titleCy: 'Diogelwch ar-lein',
            audience: 'senior-leaders',
            topics: 'safeguarding',
            refresh: 'annual',
            induction: 'on',
          }),
        )
        .expect(303);
      await expect(stored('online-safety')).resolves.toMatchObject({
        audience: '"all-staff"',
        topics: '["online-safety"]',
      });
    });

    it('is the DSP’s alone: a governor gets 403, an unknown code 404', async () => {
      await testApp.http.get('/requirements/no-such-code/edit').set('Cookie', dsp.cookies).expect(404);
      await testApp.http
        .post('/api/users')
        .set(bearer(school.adminToken))
        .send({
          email: 'governor@ysgolcofnod.test',
          password: 'a-long-test-password',
          role: 'governor',
          schoolId: school.schoolId,
        })
        .expect(201);
      const governor = await signInPage(testApp, 'governor@ysgolcofnod.test', 'a-long-test-password');
      await testApp.http.get('/requirements').set('Cookie', governor.cookies).expect(403);
      await testApp.http
        .post('/requirements/local-briefing/remove')
        .set('Cookie', governor.cookies)
        .type('form')
        .send({ _csrf: governor.csrf })
        .expect(403);
      await expect(stored('local-briefing')).resolves.toBeDefined();
    });
  });
});
