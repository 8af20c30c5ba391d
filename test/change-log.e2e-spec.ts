import { ChangeLogController } from '../src/change-log/change-log.controller';
import { World } from './factories/world';
import { TestApp } from './utils/create-test-app';
import { bearer, useWorld } from './utils/use-world';

describe(ChangeLogController.name, () => {
  let testApp: TestApp;
  let world: World;

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });

  it('records who changed what, with before and after, newest first', async () => {
    const id = world.a.staffIds[1];
    await testApp.http.patch(`/api/staff/${id}`).set(bearer(world.a.dspToken)).send({ jobTitle: 'Cook' }).expect(200);
    await testApp.http.delete(`/api/staff/${id}`).set(bearer(world.a.dspToken)).expect(200);
    const { body } = await testApp.http
      .get(`/api/schools/${world.a.id}/changes`)
      .set(bearer(world.a.dspToken))
      .expect(200);
    expect(body[0]).toMatchObject({
      entity: 'staff',
      entityId: id,
      action: 'delete',
      before: expect.objectContaining({ leftOn: null }),
      after: expect.objectContaining({ leftOn: '2026-11-27' }),
    });
    expect(body[1]).toMatchObject({
      entity: 'staff',
      entityId: id,
      action: 'update',
      before: expect.objectContaining({ jobTitle: null }),
      after: expect.objectContaining({ jobTitle: 'Cook' }),
    });
    expect(body[0].userId).toEqual(expect.any(Number));
    expect(body[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(body.every((change: { schoolId: number }) => change.schoolId === world.a.id)).toBe(true);
  });

  it('logs creations of every kind and never stores a password hash', async () => {
    const { body } = await testApp.http.get('/api/changes?limit=1000').set(bearer(world.adminToken)).expect(200);
    const kinds = new Set(body.map((change: { entity: string }) => change.entity));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['course', 'school', 'staff', 'user']));
    expect(JSON.stringify(body)).not.toContain('passwordHash');
  });

  it('is for the school’s DSP and admins only', async () => {
    await testApp.http.get(`/api/schools/${world.a.id}/changes`).set(bearer(world.adminToken)).expect(200);
    await testApp.http.get(`/api/schools/${world.a.id}/changes`).set(bearer(world.b.dspToken)).expect(404);
    await testApp.http.get(`/api/schools/${world.a.id}/changes`).set(bearer(world.a.governorToken)).expect(403);
    await testApp.http.get(`/api/schools/${world.a.id}/changes`).set(bearer(world.a.staffToken)).expect(403);
    await testApp.http.get('/api/changes').set(bearer(world.a.dspToken)).expect(403);
    await testApp.http.get('/api/schools/9999/changes').set(bearer(world.adminToken)).expect(404);
  });
});
