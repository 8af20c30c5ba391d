import { NeedsAuditsController } from '../src/needs-audits/needs-audits.controller';
import { World } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { bearer, useWorld } from './utils/use-world';

describe(NeedsAuditsController.name, () => {
  let testApp: TestApp;
  let world: World;

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });

  it('records an audit with its needs and lists it for the member', async () => {
    const audit = {
      staffId: world.a.staffIds[0],
      auditedOn: '2026-11-01',
      needs: [{ topic: 'osh-response', note: 'Wants practice' }, { topic: 'filtering-monitoring' }],
    };
    const { body } = await testApp.http.post('/api/needs-audits').set(bearer(world.a.dspToken)).send(audit).expect(201);
    expect(body).toMatchObject({
      staffId: world.a.staffIds[0],
      auditedOn: '2026-11-01',
      needs: [
        { topic: 'osh-response', note: 'Wants practice' },
        { topic: 'filtering-monitoring', note: null },
      ],
    });
    const list = await testApp.http
      .get(`/api/needs-audits?staffId=${world.a.staffIds[0]}`)
      .set(bearer(world.a.dspToken))
      .expect(200);
    expect(list.body).toHaveLength(1);
    const own = await testApp.http.get('/api/needs-audits').set(bearer(world.a.staffToken)).expect(200);
    expect(own.body.map((row: { id: number }) => row.id)).toEqual([body.id]);
  });

  it('refuses bad needs with 400 naming the nested field, changing nothing', async () => {
    const before = await tableCounts(testApp.dataSource);
    const { body } = await testApp.http
      .post('/api/needs-audits')
      .set(bearer(world.a.dspToken))
      .send({ staffId: world.a.staffIds[0], auditedOn: '2026-11-01', needs: [{ topic: 'knitting' }] })
      .expect(400);
    expect(body.errors[0].field).toBe('needs.0.topic');
    const future = await testApp.http
      .post('/api/needs-audits')
      .set(bearer(world.a.dspToken))
      .send({ staffId: world.a.staffIds[0], auditedOn: '2026-12-01', needs: [] })
      .expect(400);
    expect(future.body.errors[0].field).toBe('auditedOn');
    const unknown = await testApp.http
      .post('/api/needs-audits')
      .set(bearer(world.a.dspToken))
      .send({ staffId: 9999, auditedOn: '2026-11-01', needs: [] })
      .expect(400);
    expect(unknown.body.errors[0].field).toBe('staffId');
    expect(await tableCounts(testApp.dataSource)).toEqual(before);
  });

  it('refuses governors and staff (403), and answers other schools’ staff as unknown', async () => {
    const audit = { staffId: world.a.staffIds[1], auditedOn: '2026-11-01', needs: [] };
    await testApp.http.post('/api/needs-audits').set(bearer(world.a.governorToken)).send(audit).expect(403);
    await testApp.http.post('/api/needs-audits').set(bearer(world.a.staffToken)).send(audit).expect(403);
    const { body } = await testApp.http.post('/api/needs-audits').set(bearer(world.b.dspToken)).send(audit).expect(400);
    expect(body.errors[0].field).toBe('staffId');
    await testApp.http
      .get(`/api/needs-audits?staffId=${world.a.staffIds[0]}`)
      .set(bearer(world.a.governorToken))
      .expect(403);
    await testApp.http
      .get(`/api/needs-audits?staffId=${world.a.staffIds[0]}`)
      .set(bearer(world.b.dspToken))
      .expect(404);
  });
});
