import { PASSWORD, World } from './factories/world';
import { TestApp } from './utils/create-test-app';
import { PageSession, signInPage } from './utils/page-session';
import { bearer, useWorld } from './utils/use-world';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png body')]);

describe('self-report and verification pages', () => {
  let testApp: TestApp;
  let world: World;
  let staffA: PageSession;
  let dspA: PageSession;
  let dspB: PageSession;
  let governorA: PageSession;

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });

  beforeAll(async () => {
    staffA = await signInPage(testApp, 'staff@a.test', PASSWORD);
    dspA = await signInPage(testApp, 'dsp@a.test', PASSWORD);
    dspB = await signInPage(testApp, 'dsp@b.test', PASSWORD);
    governorA = await signInPage(testApp, 'governor@a.test', PASSWORD);
  });

  const report = (fields: Record<string, string>, file?: { bytes: Buffer; name: string }) => {
    const request = testApp.http.post('/me/training').set('Cookie', staffA.cookies).field('_csrf', staffA.csrf);
    for (const [name, value] of Object.entries(fields)) request.field(name, value);
    return file ? request.attach('certificate', file.bytes, file.name) : request;
  };
  const pendingOfA = async () =>
    (
      await testApp.http
        .get(`/api/completions?schoolId=${world.a.id}&verification=pending`)
        .set(bearer(world.a.dspToken))
        .expect(200)
    ).body as { id: number; completedOn: string; hasCertificate: boolean }[];

  it('lets a member record their own training with a certificate, pending for the DSP', async () => {
    await testApp.http.get('/me/training').set('Cookie', staffA.cookies).expect(200);
    await report(
      { courseId: String(world.sharedCourseId), completedOn: '2026-11-03', evidence: 'HWB-77' },
      { bytes: PNG, name: 'certificate.png' },
    )
      .expect(303)
      .expect('Location', '/me/training?saved=1');
    const created = (await pendingOfA()).find((row) => row.completedOn === '2026-11-03');
    expect(created).toMatchObject({ hasCertificate: true });
    const page = await testApp.http.get('/me/training?saved=1').set('Cookie', staffA.cookies).expect(200);
    expect(page.text).toContain('Waiting for the DSP');
  });

  it('refuses a certificate that is not a PDF, PNG or JPEG by its bytes, saving nothing', async () => {
    const before = (await pendingOfA()).length;
    const page = await report(
      { courseId: String(world.sharedCourseId), completedOn: '2026-11-04', evidence: 'HWB-78' },
      { bytes: Buffer.from('MZ executable pretending'), name: 'certificate.pdf' },
    ).expect(400);
    expect(page.text).toContain('id="certificate-error"');
    expect((await pendingOfA()).length).toBe(before);
  });

  it('shows the DSP the pending count in the menu and the item on "To verify"', async () => {
    const pending = await pendingOfA();
    const page = await testApp.http.get('/verify').set('Cookie', dspA.cookies).expect(200);
    expect(page.text).toContain(`<span class="nav-count">${pending.length}`);
    for (const row of pending) expect(page.text).toContain(`action="/verify/${row.id}"`);
    const other = await testApp.http.get('/verify').set('Cookie', dspB.cookies).expect(200);
    for (const row of pending) expect(other.text).not.toContain(`action="/verify/${row.id}"`);
  });

  it('lets the DSP and the member open the certificate, and nobody else', async () => {
    const [withFile] = (await pendingOfA()).filter((row) => row.hasCertificate);
    const dsp = await testApp.http.get(`/certificates/${withFile.id}`).set('Cookie', dspA.cookies).expect(200);
    expect(dsp.headers['content-type']).toBe('image/png');
    expect(dsp.headers['content-disposition']).toMatch(/^attachment; filename="certificate-\d+\.png"$/);
    expect(dsp.headers['cache-control']).toBe('no-store');
    await testApp.http.get(`/certificates/${withFile.id}`).set('Cookie', staffA.cookies).expect(200);
    await testApp.http.get(`/certificates/${withFile.id}`).set('Cookie', dspB.cookies).expect(404);
    await testApp.http.get(`/certificates/${withFile.id}`).set('Cookie', governorA.cookies).expect(403);
    await testApp.http.get('/verify').set('Cookie', governorA.cookies).expect(403);
  });

  it('requires a reason to reject, then verifies and rejects from the page', async () => {
    await report({ courseId: String(world.sharedCourseId), completedOn: '2026-11-05', evidence: 'HWB-79' }).expect(303);
    const [first, second] = await pendingOfA();
    const post = (path: string, session: PageSession, body: object = {}) =>
      testApp.http
        .post(path)
        .set('Cookie', session.cookies)
        .type('form')
        .send({ _csrf: session.csrf, ...body });
    const refused = await post(`/verify/${first.id}/reject`, dspA, { reason: ' ' }).expect(400);
    expect(refused.text).toContain(`id="reason-${first.id}-error"`);
    await post(`/verify/${first.id}`, dspB).expect(404);
    await post(`/verify/${first.id}`, dspA).expect(303).expect('Location', '/verify?done=verified');
    // A second click (or another DSP's) is told why nothing happened, not only "Sorry".
    const again = await post(`/verify/${first.id}`, dspA).expect(409);
    expect(again.text).toContain('already been done');
    await post(`/verify/${second.id}/reject`, dspA, { reason: 'Wrong course' })
      .expect(303)
      .expect('Location', '/verify?done=rejected');
    const page = await testApp.http.get('/me/training').set('Cookie', staffA.cookies).expect(200);
    expect(page.text).toContain('Not accepted');
    expect(page.text).toContain('Wrong course');
  });
});
