import { AuthUser } from '../../src/auth/auth-user';

export function buildAuthUser(overrides: Partial<AuthUser> = {}): AuthUser {
  return { id: 1, email: 'user@example.test', role: 'dsp', schoolId: 1, staffId: null, ...overrides };
}
