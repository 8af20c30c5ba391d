import { formatDay } from '../src/common/format-day';
import { ComplianceService } from '../src/compliance/compliance.service';
import { ComplianceSummaryDto, StaffStatusDto } from '../src/compliance/compliance.dto';
import { SchoolsService } from '../src/schools/schools.service';
import { RecordPagesController } from '../src/web/record-pages.controller';
import { buildComplianceSchool, ComplianceSchool } from './factories/compliance-school';
import { buildCourse, PASSWORD } from './factories/world';
import { createTestApp, TestApp } from './utils/create-test-app';
import { PageSession, signInPage } from './utils/page-session';
import { bearer } from './utils/use-world';

/** What a member's record page says of their standing: headline status and expiry, overall status, each line. */
function standingOnPage(html: string) {
  const facts = html.slice(html.indexOf('<dl class="facts">'), html.indexOf('</dl>'));
  const lines = html.slice(html.indexOf('id="requirements-heading"'));
  const table = lines.slice(lines.indexOf('<tbody>'), lines.indexOf('</tbody>'));
  return {
    status: /badge badge-([a-z-]+)"/.exec(facts)?.[1] ?? null,
    expiresOn: /badge badge-[a-z-]+"[\s\S]*?<dd>([^<]*)<\/dd>/.exec(facts)?.[1] ?? null,
    overallStatus: /<p>[^<]*<span class="badge badge-([a-z-]+)"/.exec(lines)?.[1] ?? null,
    requirements: [...table.matchAll(/<th scope="row">(.*?)<\/th><td><span class="badge badge-([a-z-]+)"/g)].map(
      (match) => [match[1].replace(/<[^>]+>/g, ''), match[2]],
    ),
  };
}

/** The same, as the school's compliance summary (the API's) gives it for that member. */
function standingInSummary(summary: ComplianceSummaryDto, line: StaffStatusDto) {
  return {
    status: line.status,
    expiresOn: line.expiresOn === null ? '—' : formatDay(line.expiresOn, 'en'),
    overallStatus: line.overallStatus,
    requirements: summary.requirements
      .filter((requirement) => requirement.code in line.requirements)
      .map((requirement) => [requirement.title, line.requirements[requirement.code]]),
  };
}

describe(RecordPagesController.name, () => {
  let testApp: TestApp;
  let school: ComplianceSchool;
  let dsp: PageSession;
  const post = (path: string, token: string, body: object) =>
    testApp.http.post(path).set(bearer(token)).send(body).expect(201);

  beforeAll(async () => {
    testApp = await createTestApp({ today: '2026-11-27' });
    school = await buildComplianceSchool(testApp, 'Ysgol y Cofnod Unigol');
    const { adminToken, schoolId, ids } = school;
    const member = async (name: string, fields: object) =>
      (
        await post('/api/staff', adminToken, {
          schoolId,
          name,
          email: `${name.toLowerCase().replace(/ /g, '.')}@cofnod.test`,
          startDate: '2020-01-01',
          ...fields,
        })
      ).body.id as number;
    const dspCourse = (
      await post('/api/courses', adminToken, buildCourse({ title: 'DSP advanced', topics: ['dsp-advanced'], schoolId }))
    ).body.id as number;
    const everything = (
      await post(
        '/api/courses',
        adminToken,
        buildCourse({ title: 'Everything', topics: ['online-safety', 'osh-response', 'safeguarding'], schoolId }),
      )
    ).body.id as number;
    await post(`/api/schools/${schoolId}/requirements`, adminToken, {
      code: 'local-briefing',
      titleEn: 'Local briefing',
      titleCy: 'Briff lleol',
      audience: 'all-staff',
      topics: ['safeguarding'],
      refreshMonths: null,
      induction: false,
    });
    // The DSP's advanced training, and a deputy who retook everything (the later completion counts).
    await post('/api/completions', adminToken, {
      staffId: ids['Bethan Davies'],
      courseId: dspCourse,
      completedOn: '2026-03-01',
    });
    ids.deputy = await member('Deputy Retook', { safeguardingRole: 'deputy-dsp', filteringLead: true });
    for (const completedOn of ['2025-02-01', '2026-02-01'])
      await post('/api/completions', adminToken, { staffId: ids.deputy, courseId: everything, completedOn });
    // A new starter with training from before they started, and one who has not started yet.
    ids.prior = await member('Prior Starter', { startDate: '2026-11-01' });
    await post('/api/completions', adminToken, {
      staffId: ids.prior,
      courseId: everything,
      completedOn: '2026-05-01',
      prior: true,
      evidence: 'CERT-1',
    });
    ids.future = await member('Future Starter', { startDate: '2026-12-14' });
    // A self-report waiting to be verified counts for nothing yet.
    await post('/api/completions', school.staffToken, {
      staffId: ids['Alaw Current'],
      courseId: everything,
      completedOn: '2026-11-20',
    });
    dsp = await signInPage(testApp, 'dsp@ysgolycofnodunigol.test', PASSWORD);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  describe('record', () => {
    it('works out each member’s standing from their own records exactly as the school’s report does', async () => {
      const compliance = testApp.app.get(ComplianceService);
      const entity = await testApp.app.get(SchoolsService).findEntity(school.schoolId);
      const report = await compliance.report(entity);
      const ids = Object.values(school.ids);
      const alone = await Promise.all(ids.map((id) => compliance.memberStanding(entity, id)));
      expect(alone.map((one) => one.standing)).toEqual(
        ids.map((id) => report.standings.find((standing) => standing.staff.id === id) ?? null),
      );
      expect(alone.every((one) => one.requirements.length === report.requirements.length)).toBe(true);
      // Leavers and future starters count nowhere; everyone else has a line.
      expect(alone.filter((one) => one.standing === null)).toHaveLength(2);
    });

    it('shows each member the status, expiry and lines the school’s summary gives them, in every status', async () => {
      const { body: summary } = await testApp.http
        .get(`/api/schools/${school.schoolId}/compliance`)
        .set(bearer(school.dspToken))
        .expect(200);
      const lines = (summary as ComplianceSummaryDto).staff;
      expect(new Set(lines.map((line) => line.status))).toEqual(
        new Set(['current', 'due-soon', 'induction-due', 'induction-overdue', 'lapsed', 'never']),
      );
      for (const line of lines) {
        const page = await testApp.http.get(`/staff/${line.id}`).set('Cookie', dsp.cookies).expect(200);
        expect({ id: line.id, ...standingOnPage(page.text) }).toEqual({
          id: line.id,
          ...standingInSummary(summary as ComplianceSummaryDto, line),
        });
      }
    });

    it('shows no standing for a leaver or a future starter, who count nowhere', async () => {
      for (const id of [school.ids['Jac Leaver'], school.ids.future]) {
        const page = await testApp.http.get(`/staff/${id}`).set('Cookie', dsp.cookies).expect(200);
        expect(standingOnPage(page.text)).toMatchObject({ status: null, requirements: [] });
      }
    });

    it('is 404 for another school’s member', async () => {
      const other = await buildComplianceSchool(testApp, 'Ysgol Arall');
      await testApp.http.get(`/staff/${other.ids['Alaw Current']}`).set('Cookie', dsp.cookies).expect(404);
    });
  });

  describe('me', () => {
    it('sends a member of staff to their own record with 303', async () => {
      const staff = await signInPage(testApp, 'staff@ysgolycofnodunigol.test', PASSWORD);
      const answer = await testApp.http.get('/me').set('Cookie', staff.cookies).expect(303);
      expect(answer.headers.location).toBe(`/staff/${school.ids['Alaw Current']}`);
    });
  });
});
