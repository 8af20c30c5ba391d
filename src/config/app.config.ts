import { Environment } from './environment';
import { dataPath } from '../common/data-dir';

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

/** Sign-in with Hwb (OpenID Connect); null when not configured. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface AppConfig {
  port: number;
  database: DatabaseConfig;
  smtpUrl: string | null;
  mailFrom: string;
  appUrl: string;
  adminEmail: string | null;
  adminPassword: string | null;
  today: string | null;
  seedDemo: boolean;
  production: boolean;
  /** Express `trust proxy`: a hop count or the proxies' addresses; null trusts none. */
  trustProxy: number | string[] | null;
  authSecret: string | null;
  tokenTtl: string;
  reminderCron: string;
  smtpTimeoutMs: number;
  reminderMaxAttempts: number;
  logLevel: string;
  logFile: string | null;
  backupKeep: number;
  oidc: OidcConfig | null;
  /** Test-only: where the crash-safety tests arm a pause inside the next write transaction. */
  crashTestPauseDir: string | null;
}

export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) return { type: 'sqlite', path: url.slice('sqlite:'.length) };
  return { type: 'postgres', url };
}

/**
 * The demo school publishes its logins, so it is loaded only where nobody could mistake
 * it for a real install: SEED_DEMO=1 asks for it, SEED_DEMO=0 refuses it, and otherwise
 * an ADMIN_EMAIL or NODE_ENV=production means a real school is being set up.
 */
function shouldSeedDemo(env: Environment): boolean {
  if (env.SEED_DEMO !== undefined) return env.SEED_DEMO === '1';
  return env.ADMIN_EMAIL === undefined && env.NODE_ENV !== 'production';
}

function parseTrustProxy(value: string | undefined): number | string[] | null {
  if (value === undefined) return null;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((part) => part.trim());
}

/** Typed configuration built from the validated environment. */
export function buildAppConfig(env: Environment): AppConfig {
  const port = env.PORT ?? 3000;
  return {
    port,
    database: parseDatabaseUrl(env.DATABASE_URL ?? `sqlite:${dataPath('tracker.sqlite')}`),
    smtpUrl: env.SMTP_URL ?? null,
    mailFrom: env.MAIL_FROM ?? 'Online safety training <training@localhost>',
    appUrl: (env.APP_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    adminEmail: env.ADMIN_EMAIL?.toLowerCase() ?? null,
    adminPassword: env.ADMIN_PASSWORD ?? null,
    today: env.TODAY ?? null,
    seedDemo: shouldSeedDemo(env),
    production: env.NODE_ENV === 'production',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    authSecret: env.AUTH_SECRET ?? null,
    tokenTtl: env.TOKEN_TTL ?? '8h',
    reminderCron: env.REMINDER_CRON ?? '0 7 * * *',
    smtpTimeoutMs: Number(env.SMTP_TIMEOUT_MS ?? 10_000),
    reminderMaxAttempts: Number(env.REMINDER_MAX_ATTEMPTS ?? 3),
    logLevel: env.LOG_LEVEL ?? 'info',
    logFile: env.LOG_FILE ?? null,
    backupKeep: Number(env.BACKUP_KEEP ?? 14),
    oidc:
      env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
        ? { issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET }
        : null,
    crashTestPauseDir: env.CRASH_TEST_PAUSE_DIR ?? null,
  };
}
