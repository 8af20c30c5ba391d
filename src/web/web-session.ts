import { CookieOptions, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { Language, LANGUAGES } from '../common/language';

declare module 'express-serve-static-core' {
  /** What every page's response carries for its templates (set in web-setup.ts). */
  interface Locals {
    lang: Language;
  }
}

/** A cookie's value; cookie-parser types them all as `any`. */
export function cookie(request: Request, name: string): string | undefined {
  const value: unknown = (request.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

export const VISITOR_COOKIE = 'visitor';
export const LANGUAGE_COOKIE = 'lang';

/** httpOnly so scripts cannot read it; SameSite=Lax so links from reminder emails still sign in. */
export function sessionCookieOptions(secure: boolean, maxAgeMs?: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
}

/** Pages need a stable id before sign-in too, so the login form's CSRF token has something to bind to. */
export function ensureVisitorId(request: Request, response: Response, secure: boolean): void {
  if (request.cookies?.[VISITOR_COOKIE]) return;
  const id = randomBytes(18).toString('base64url');
  request.cookies = { ...request.cookies, [VISITOR_COOKIE]: id };
  response.cookie(VISITOR_COOKIE, id, sessionCookieOptions(secure));
}

export function sessionIdentifier(request: Request): string {
  return cookie(request, SESSION_COOKIE) ?? cookie(request, VISITOR_COOKIE) ?? '';
}

/** The language chosen with the switch during this visit, if any. */
export function visitLanguage(request: Request): Language | null {
  return LANGUAGES.find((language) => language === cookie(request, LANGUAGE_COOKIE)) ?? null;
}

/**
 * Before sign-in: the visitor's choice, else what their browser asks for. A signed-in
 * person's account language replaces the browser's (PageLanguageInterceptor).
 */
export function pageLanguage(request: Request): Language {
  return visitLanguage(request) ?? (/^cy\b/i.test(request.headers['accept-language'] ?? '') ? 'cy' : 'en');
}
