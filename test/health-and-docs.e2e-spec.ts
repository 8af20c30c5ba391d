import SwaggerParser from '@apidevtools/swagger-parser';
import { createTestApp, TestApp } from './utils/create-test-app';

describe('health and API docs', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('answers GET /api/health without a login', async () => {
    await testApp.http.get('/api/health').expect(200, { status: 'ok', database: 'up', lastReminderRun: null });
  });

  it('refuses every other endpoint without a valid token', async () => {
    await testApp.http.get('/api/schools').expect(401);
    await testApp.http.get('/api/staff').set('Authorization', 'Bearer not-a-token').expect(401);
    await testApp.http.get('/api/courses').set('Authorization', 'Basic abc').expect(401);
  });

  it('serves an OpenAPI document of the whole JSON API that validates', async () => {
    const { body } = await testApp.http.get('/api/docs/openapi.json').expect(200);
    await expect(SwaggerParser.validate(structuredClone(body))).resolves.toBeDefined();
    const paths = Object.keys(body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/users',
        '/api/users/{id}',
        '/api/users/invite',
        '/api/users/{id}/clear-failures',
        '/api/auth/invite/accept',
        '/api/auth/password-reset',
        '/api/auth/password-reset/confirm',
        '/api/auth/password',
        '/api/schools',
        '/api/schools/{id}',
        '/api/staff',
        '/api/staff/{id}',
        '/api/courses',
        '/api/courses/{id}',
        '/api/completions',
        '/api/completions/bulk',
        '/api/completions/import',
        '/api/completions/{id}',
        '/api/needs-audits',
        '/api/schools/{id}/changes',
        '/api/changes',
        '/api/health',
      ]),
    );
    const createStaff = body.components.schemas.CreateStaffDto;
    expect(createStaff.required).toEqual(expect.arrayContaining(['schoolId', 'name', 'email', 'startDate']));
    expect(createStaff.properties.safeguardingRole.enum).toEqual(['dsp', 'deputy-dsp', 'none']);
  });
});
