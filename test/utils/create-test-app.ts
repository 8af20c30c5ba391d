import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { setupApp } from '../../src/setup-app';

export const ADMIN = { email: 'admin@test.example', password: 'admin-password-for-tests' };

export interface TestAppOptions {
  today?: string;
  seedDemo?: boolean;
  env?: Record<string, string>;
  /** Providers swapped for test doubles, e.g. the sign-in delay. */
  overrides?: { provide: unknown; useValue: unknown }[];
}

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * A new empty database: a SQLite file in a temp folder, or a new PostgreSQL database when TEST_DATABASE_URL names a
 * server.
 */
export async function freshDatabaseUrl(): Promise<string> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return `sqlite:${join(mkdtempSync(join(tmpdir(), 'osh-tracker-')), 'test.sqlite')}`;
  const name = `tracker_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: server });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** PostgreSQL test databases are dropped when their app closes; SQLite files stay in the temp folder. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server || databaseUrl.startsWith('sqlite:')) return;
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
        return;
      } catch (error) {
        // A server process of another role (autovacuum, seen once in CI) may be in the database
        // for a moment; the test role may not end it, so wait for it to leave.
        if (attempt >= 20 || !String(error).includes('whose process is being terminated')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * The real app, set up exactly as main.ts does, on a fresh database of its own
 * (SQLite by default; PostgreSQL when TEST_DATABASE_URL is set, as `npm run test:pg` does).
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = options.env?.DATABASE_URL ?? (await freshDatabaseUrl());
  // Configuration is read while the app starts; afterwards the environment is put back,
  // so one test's settings never reach the next test's app.
  const savedEnvironment = { ...process.env };
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    TODAY: options.today ?? '2026-11-27',
    SEED_DEMO: options.seedDemo ? '1' : '0',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    AUTH_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    LOG_LEVEL: 'silent',
    LOG_FILE: '',
    ...options.env,
  });
  const builder = Test.createTestingModule({ imports: [AppModule] });
  for (const override of options.overrides ?? [])
    builder.overrideProvider(override.provide).useValue(override.useValue);
  const moduleRef = await builder.compile();
  const app = setupApp(
    moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] }),
  );
  await app.init();
  process.env = savedEnvironment;
  const ownsDatabase = options.env?.DATABASE_URL === undefined;
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    databaseUrl,
    close: async () => {
      await app.close();
      if (ownsDatabase) await dropDatabase(databaseUrl);
    },
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
