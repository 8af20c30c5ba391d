export const AUTH_SECRET = Symbol('AUTH_SECRET');

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Without AUTH_SECRET, a random secret is made once and kept beside the data so
 * tokens survive a restart. Several instances must share AUTH_SECRET instead.
 */
export function loadOrCreateSecret(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}
