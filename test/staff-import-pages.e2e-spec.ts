import { StaffImportPagesController } from '../src/web/staff-import-pages.controller';
import { PASSWORD } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { PageSession, signInPage } from './utils/page-session';
import { useWorld } from './utils/use-world';

describe(StaffImportPagesController.name, () => {
  let testApp: TestApp;
  let dsp: PageSession;

  useWorld({ today: '2026-11-27' }, (app) => {
    testApp = app;
  });
  beforeAll(async () => {
    dsp = await signInPage(testApp, 'dsp@a.test', PASSWORD);
  });

  const upload = (csv: string | Buffer, fields: Record<string, string> = {}) => {
    let request = testApp.http.post('/staff/import').set('Cookie', dsp.cookies).field('_csrf', dsp.csrf);
    for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
    return request.attach('file', Buffer.from(csv), { filename: 'mis.csv', contentType: 'text/csv' });
  };
  const confirm = (uploadId: string) =>
    testApp.http
      .post('/staff/import/confirm')
      .set('Cookie', dsp.cookies)
      .type('form')
      .send({ _csrf: dsp.csrf, uploadId });
  const uploadIdOf = (html: string) => /name="uploadId" value="([^"]+)"/.exec(html)?.[1];

  it('checks a good file (200, nothing saved), imports it on confirm and says what changed', async () => {
    const before = await tableCounts(testApp.dataSource);
    const checked = await upload('email,name,start date\nelin@a.test,Elin Jones,2025-09-01\n', {
      markMissingAsLeavers: 'on',
    }).expect(200);
    expect(checked.text).toContain('Elin Jones');
    expect(await tableCounts(testApp.dataSource)).toEqual(before);
    const done = await confirm(uploadIdOf(checked.text)!).expect(303);
    // The three members the file leaves out are marked as leavers, as was ticked.
    expect(done.headers.location).toBe('/staff/import?done=1&created=1&updated=0&unchanged=0&leavers=3');
    const page = await testApp.http.get(done.headers.location).set('Cookie', dsp.cookies).expect(200);
    expect(page.text).toContain('New: 1. Changed: 0. Unchanged: 0. Marked as leavers: 3.');
  });

  it('refuses a file with a bad row with 400, listing it, offering no confirm and saving nothing', async () => {
    const before = await tableCounts(testApp.dataSource);
    const refused = await upload('email,name,start date\nnot-an-email,Bad Row,2025-09-01\n').expect(400);
    expect(refused.text).toContain('role="alert"');
    expect(uploadIdOf(refused.text)).toBeUndefined();
    expect(await tableCounts(testApp.dataSource)).toEqual(before);
  });

  it('refuses a file it cannot read with 400 beside the file field, keeping the ticks', async () => {
    // Not UTF-8: a spreadsheet's Latin-1 export.
    const latin1 = Buffer.from('email,name,start date\nsian@a.test,Si\u00e2n Lewis,2025-09-01\n', 'latin1');
    const refused = await upload(latin1, { invite: 'on' }).expect(400);
    expect(refused.text).toMatch(/id="staffFile-error"/);
    expect(refused.text).toMatch(/name="invite"[^>]*checked/);
  });

  it('refuses a confirm of a file already imported (or unknown) with 400 beside the file field', async () => {
    const checked = await upload('email,name,start date\nowen@a.test,Owen Price,2025-09-01\n').expect(200);
    const uploadId = uploadIdOf(checked.text)!;
    await confirm(uploadId).expect(303);
    const before = await tableCounts(testApp.dataSource);
    const again = await confirm(uploadId).expect(400);
    expect(again.text).toMatch(/id="staffFile-error"/);
    await confirm('no-such-upload').expect(400);
    expect(await tableCounts(testApp.dataSource)).toEqual(before);
  });
});
