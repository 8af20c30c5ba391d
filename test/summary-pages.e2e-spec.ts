import { SummaryPagesController } from '../src/web/summary-pages.controller';
import { PASSWORD, World } from './factories/world';
import { TestApp } from './utils/create-test-app';
import { PageSession, signInPage } from './utils/page-session';
import { useWorld } from './utils/use-world';

describe(SummaryPagesController.name, () => {
  let testApp: TestApp;
  let world: World;
  let governor: PageSession;

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });
  beforeAll(async () => {
    governor = await signInPage(testApp, 'governor@a.test', PASSWORD);
  });

  const get = (path: string, session = governor) => testApp.http.get(path).set('Cookie', session.cookies);

  it('shows the governors their school’s summary and printable report', async () => {
    const summary = await get(`/schools/${world.a.id}/summary`).expect(200);
    expect(summary.text).toContain('School a');
    expect(summary.text).toMatch(/<svg[^>]*role="img"/);
    const report = await get(`/schools/${world.a.id}/report`).expect(200);
    expect(report.text).toContain('School a');
  });

  it('downloads the CSV as a UTF-8 attachment with a byte-order mark, headed in the page’s words', async () => {
    const csv = await get(`/schools/${world.a.id}/compliance.csv`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="compliance.csv"');
    const body = csv.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Governors without names get unnamed rows: three members, never trained.
    const [header, ...rows] = body.subarray(3).toString('utf8').trim().split('\r\n');
    expect(header.startsWith('Training status,Online safety training expiry date,')).toBe(true);
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.startsWith('Never trained,'))).toBe(true);
  });

  it('is 404 for another school’s figures and 403 for a member of staff', async () => {
    await get(`/schools/${world.b.id}/summary`).expect(404);
    await get(`/schools/${world.b.id}/compliance.csv`).expect(404);
    const staff = await signInPage(testApp, 'staff@a.test', PASSWORD);
    await get(`/schools/${world.a.id}/report`, staff).expect(403);
  });
});
