import { PendingUploadsService } from '../src/pending-uploads/pending-uploads.service';
import { PASSWORD, World } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { csrfOf, PageSession, signInPage } from './utils/page-session';
import { useWorld } from './utils/use-world';

const HEADER = 'email,course,completed_on,evidence';

describe('web CSV import (preview, then confirm)', () => {
  let testApp: TestApp;
  let world: World;
  let dspA: PageSession;
  let dspB: PageSession;

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });

  beforeAll(async () => {
    dspA = await signInPage(testApp, 'dsp@a.test', PASSWORD);
    dspB = await signInPage(testApp, 'dsp@b.test', PASSWORD);
  });

  const upload = (session: PageSession, content: string | Buffer, csrf = session.csrf) =>
    testApp.http
      .post('/import')
      .set('Cookie', session.cookies)
      .field('_csrf', csrf)
      .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), {
        filename: 'completions.csv',
        contentType: 'text/csv',
      });

  const confirm = (session: PageSession, uploadId: string) =>
    testApp.http
      .post('/import/confirm')
      .set('Cookie', session.cookies)
      .type('form')
      .send({ _csrf: session.csrf, uploadId });

  const uploadIdOf = (html: string) => /name="uploadId" value="([^"]+)"/.exec(html)?.[1];

  async function completionsOf(staffId: number): Promise<number> {
    const [row] = await testApp.dataSource.query(`SELECT COUNT(*) AS n FROM completion WHERE "staffId" = ${staffId}`);
    return Number(row.n);
  }

  it('names the one size limit on the page', async () => {
    const page = await testApp.http.get('/import').set('Cookie', dspA.cookies).expect(200);
    expect(page.text).toContain('At most 5 MB.');
  });

  it('takes the CSRF token from the form body, never from the query string', async () => {
    const csv = `${HEADER}\ns0@a.test,Keeping safe online,2026-09-01,\n`;
    await testApp.http
      .post(`/import?_csrf=${encodeURIComponent(dspA.csrf)}`)
      .set('Cookie', dspA.cookies)
      .attach('file', Buffer.from(csv), { filename: 'c.csv', contentType: 'text/csv' })
      .expect(403);
    await upload(dspA, csv).expect(200);
  });

  it('keeps the checked file on the server: the confirm sends only its id, and a file over 1 MB imports', async () => {
    // Long evidence notes make the file well over the old 1 MB form limit.
    const evidence = 'x'.repeat(480);
    const days = Array.from({ length: 800 }, (_, index) =>
      new Date(Date.UTC(2024, 8, 1) + index * 86_400_000).toISOString().slice(0, 10),
    );
    const rows = ['s0@a.test', 's1@a.test'].flatMap((email) =>
      ['Keeping safe online', 'In-house a'].flatMap((course) =>
        days.map((day) => `${email},${course},${day},${evidence}`),
      ),
    );
    const csv = `${HEADER}\n${rows.join('\n')}\n`;
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1024 * 1024);
    const preview = await upload(dspA, csv).expect(200);
    const uploadId = uploadIdOf(preview.text)!;
    expect(uploadId).toMatch(/^[\w-]{20,}$/);
    expect(preview.text).not.toMatch(/name="csv"/);
    const before = (await completionsOf(world.a.staffIds[0])) + (await completionsOf(world.a.staffIds[1]));
    const done = await confirm(dspA, uploadId).expect(303);
    expect(done.headers.location).toBe(`/staff?imported=${rows.length}`);
    expect((await completionsOf(world.a.staffIds[0])) + (await completionsOf(world.a.staffIds[1]))).toBe(
      before + rows.length,
    );
  });

  it('confirms a checked file once only, and only for the user who checked it', async () => {
    const csv = `${HEADER}\ns2@a.test,Keeping safe online,2026-09-02,\n`;
    const uploadId = uploadIdOf((await upload(dspA, csv).expect(200)).text)!;
    const before = await tableCounts(testApp.dataSource);
    const stolen = await confirm(dspB, uploadId).expect(400);
    expect(stolen.text).toContain('The checked file has expired or was already imported');
    expect(await tableCounts(testApp.dataSource)).toEqual(before);
    await confirm(dspA, uploadId).expect(303);
    await confirm(dspA, uploadId).expect(400);
    await confirm(dspA, 'made-up-id').expect(400);
  });

  it('forgets a checked file once it has expired', async () => {
    const uploads = testApp.app.get(PendingUploadsService);
    const id = await uploads.save(world.a.staffIds[0], 'completion-import', 'a,b');
    await testApp.dataSource.query(
      `UPDATE pending_upload SET "expiresAt" = '2000-01-01T00:00:00.000Z' WHERE id = '${id}'`,
    );
    await expect(uploads.take(id, world.a.staffIds[0], 'completion-import')).resolves.toBeNull();
  });

  it('refuses a file of another kind or owner from the store', async () => {
    const uploads = testApp.app.get(PendingUploadsService);
    const id = await uploads.save(7, 'staff-import', 'content');
    await expect(uploads.take(id, 7, 'completion-import')).resolves.toBeNull();
    await expect(uploads.take(id, 8, 'staff-import')).resolves.toBeNull();
    await expect(uploads.take(id, 7, 'staff-import')).resolves.toBe('content');
  });

  it('answers a file over the limit with a clear 413 page in the page’s language', async () => {
    const huge = Buffer.alloc(5 * 1024 * 1024 + 10, 'a');
    const response = await upload(dspA, huge).expect(413);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain('larger than the 5 MB limit');
    expect(response.text).toMatch(/<html lang="en">/);
  });

  it('shows the form again with every bad row, keeping nothing for a confirm', async () => {
    const csv = `${HEADER}\nnobody@a.test,Keeping safe online,2026-09-01,\n`;
    const response = await upload(dspA, csv).expect(400);
    expect(response.text).toContain(
      '<td>2</td><td>No member of staff at your school has the email address “nobody@a.test”.</td>',
    );
    expect(uploadIdOf(response.text)).toBeUndefined();
    expect(csrfOf(response.text)).toBeTruthy();
  });
});
