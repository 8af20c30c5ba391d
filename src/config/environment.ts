import { plainToInstance } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { IsStrongPassword, passwordProblem } from '../auth/password-policy';
import { IsDay } from '../common/validation/is-day.decorator';

// A hop count, or addresses/ranges and express's names (loopback, linklocal, uniquelocal). `true` is refused:
// trusting every proxy lets any client choose its own address and dodge the sign-in slow-down.
const PROXY_ENTRY = String.raw`(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)`;
const TRUST_PROXY_PATTERN = new RegExp(String.raw`^(\d{1,2}|${PROXY_ENTRY}(\s*,\s*${PROXY_ENTRY})*)$`);

/** The environment variables of the contract, checked once at start. */
export class Environment {
  @IsOptional()
  @IsInt({ message: 'PORT must be a whole number from 1 to 65535' })
  @Min(1, { message: 'PORT must be a whole number from 1 to 65535' })
  @Max(65535, { message: 'PORT must be a whole number from 1 to 65535' })
  PORT?: number;

  @IsOptional()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:PATH or postgres://USER:PASSWORD@HOST/DB',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'APP_URL must start with http:// or https://' })
  APP_URL?: string;

  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsStrongPassword({
    message: (args) => `ADMIN_PASSWORD ${passwordProblem(String(args.value))?.replace(/^password /, '')}`,
  })
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsDay({ message: 'TODAY must be a real date written YYYY-MM-DD' })
  TODAY?: string;

  @IsOptional()
  @IsIn(['0', '1'], { message: 'SEED_DEMO must be 0 or 1' })
  SEED_DEMO?: string;

  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /**
   * Express's `trust proxy`: how many proxies (a number), or which addresses (loopback,
   * a CIDR list), may set X-Forwarded-For. Unset: the connecting address is the client.
   */
  @IsOptional()
  @Matches(TRUST_PROXY_PATTERN, {
    message: 'TRUST_PROXY must be a number of proxies (1), or a comma-separated list of addresses or CIDR ranges',
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @MinLength(32, { message: 'AUTH_SECRET must be at least 32 characters' })
  AUTH_SECRET?: string;

  @IsOptional()
  @Matches(/^\d+[smhd]$/, { message: 'TOKEN_TTL must look like 8h, 30m or 1d' })
  TOKEN_TTL?: string;

  @IsOptional()
  @Matches(/^(\S+\s+){4}\S+$/, { message: 'REMINDER_CRON must be a five-field cron expression, e.g. 0 7 * * *' })
  REMINDER_CRON?: string;

  @IsOptional()
  @Matches(/^\d+$/, { message: 'SMTP_TIMEOUT_MS must be a whole number of milliseconds' })
  SMTP_TIMEOUT_MS?: string;

  @IsOptional()
  @Matches(/^[1-9]\d*$/, { message: 'REMINDER_MAX_ATTEMPTS must be a whole number of 1 or more' })
  REMINDER_MAX_ATTEMPTS?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL?: string;

  @IsOptional()
  @IsString()
  LOG_FILE?: string;

  @IsOptional()
  @Matches(/^[1-9]\d*$/, { message: 'BACKUP_KEEP must be a whole number of 1 or more' })
  BACKUP_KEEP?: string;

  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'OIDC_ISSUER must be the provider URL, starting with https://' })
  OIDC_ISSUER?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  /** Test-only (see src/common/crash-test-pause.ts): never set in production. */
  @IsOptional()
  @IsString()
  CRASH_TEST_PAUSE_DIR?: string;
}

const OIDC_VARIABLES = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** Hwb sign-in needs all three OIDC variables or none: half a configuration is a mistake. */
function oidcProblem(env: Environment): string | null {
  const set = OIDC_VARIABLES.filter((name) => env[name] !== undefined);
  if (set.length === 0 || set.length === OIDC_VARIABLES.length) return null;
  const missing = OIDC_VARIABLES.filter((name) => env[name] === undefined);
  return `${missing.join(', ')} must be set too: Hwb sign-in needs ${OIDC_VARIABLES.join(', ')}`;
}

/** Throws one line naming every bad variable; `main.ts` prints it and exits. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  // An empty variable (FOO= in a compose file) means "not set".
  const given = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const env = plainToInstance(Environment, given, { enableImplicitConversion: false });
  if (given.PORT !== undefined) env.PORT = Number(given.PORT);
  const errors = validateSync(env, { skipMissingProperties: false });
  const oidc = oidcProblem(env);
  if (errors.length > 0 || oidc) {
    const messages = new Set(errors.flatMap((error) => Object.values(error.constraints ?? {})));
    if (oidc) messages.add(oidc);
    throw new Error(`Configuration error: ${[...messages].join('; ')}`);
  }
  return env;
}
