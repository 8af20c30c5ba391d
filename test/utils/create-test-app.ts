import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { setupApp } from '../../src/setup-app';

export const ADMIN = { email: 'admin@test.example', password: 'admin-password-for-tests' };

export interface TestAppOptions {
  today?: string;
  seedDemo?: boolean;
  env?: Record<string, string>;
}

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * The real app, set up exactly as main.ts does, on a fresh SQLite file in a temp
 * folder (or TEST_DATABASE_URL, which the PostgreSQL run sets).
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = process.env.TEST_DATABASE_URL ?? `sqlite:${join(mkdtempSync(join(tmpdir(), 'osh-tracker-')), 'test.sqlite')}`;
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    TODAY: options.today ?? '2026-11-27',
    SEED_DEMO: options.seedDemo ? '1' : '0',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    AUTH_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    ...options.env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = setupApp(moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] }));
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    databaseUrl,
    close: () => app.close(),
  };
}

export async function login(testApp: TestApp, email: string, password: string): Promise<string> {
  const response = await testApp.http.post('/api/auth/login').send({ email, password }).expect(200);
  return response.body.token as string;
}

/** Row counts of every table: a refused request must leave them all as they were. */
export async function tableCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['school', 'staff_member', 'course', 'completion', 'needs_audit', 'app_user', 'change_log']) {
    const [row] = await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number(row.n);
  }
  return counts;
}
