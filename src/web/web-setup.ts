import { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import cookieParser from 'cookie-parser';
import { doubleCsrf } from 'csrf-csrf';
import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app.config';
import { BODY_LIMIT_BYTES } from '../common/body-limit';
import { projectPath } from '../common/project-path';
import { pageUploads } from './page-uploads';
import { VIEW_HELPERS } from './view-helpers';
import { ensureVisitorId, pageLanguage, sessionIdentifier } from './web-session';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- hbs has no type declarations: typed here
const hbs = require('hbs') as {
  registerHelper(name: string, fn: unknown): void;
  registerPartial(name: string, template: string): void;
};

/** Read at start, synchronously: hbs's own registerPartials is asynchronous and races the first request. */
function registerPartials(folder: string): void {
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.hbs'))) {
    hbs.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(join(folder, file), 'utf8'));
  }
}

const isPage = (request: Request) => !request.path.startsWith('/api') && !request.path.startsWith('/assets');

function isSecure(app: NestExpressApplication): boolean {
  return app
    .get(ConfigService<AppConfig, true>)
    .get('appUrl', { infer: true })
    .startsWith('https://');
}

/** helmet's headers; browsers are told to upgrade to HTTPS only when the app is served over it. */
export function securityHeaders(app: NestExpressApplication) {
  return helmet({ contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': isSecure(app) ? [] : null } } });
}

/** Views, cookies and CSRF for the server-rendered pages. */
export function setupWeb(app: NestExpressApplication, authSecret: string): void {
  const secure = isSecure(app);
  app.use(cookieParser());
  app.useBodyParser('urlencoded', { extended: false, limit: BODY_LIMIT_BYTES });
  app.useStaticAssets(projectPath('views', 'assets'), { prefix: '/assets/' });
  app.setBaseViewsDir(projectPath('views'));
  app.setViewEngine('hbs');
  app.set('view options', { layout: join('layouts', 'main') });
  for (const [name, helper] of Object.entries(VIEW_HELPERS)) hbs.registerHelper(name, helper);
  registerPartials(projectPath('views', 'partials'));

  const { generateCsrfToken, doubleCsrfProtection } = doubleCsrf({
    getSecret: () => authSecret,
    getSessionIdentifier: sessionIdentifier,
    cookieName: secure ? '__Host-csrf' : 'csrf',
    cookieOptions: { sameSite: 'lax', secure, path: '/', httpOnly: true },
    // From the form body or a header only: a token in the URL ends up in logs, history and Referer headers.
    getCsrfTokenFromRequest: (request) => {
      const token = (request.body as Record<string, unknown> | undefined)?._csrf ?? request.headers['x-csrf-token'];
      return typeof token === 'string' ? token : undefined;
    },
  });

  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!isPage(request)) {
      next();
      return;
    }
    ensureVisitorId(request, response, secure);
    response.locals.lang = pageLanguage(request);
    response.locals.path = request.path;
    next();
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!isPage(request)) {
      next();
      return;
    }
    pageUploads(request, response, next);
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!isPage(request)) {
      next();
      return;
    }
    // Every form posts a CSRF token; a missing or forged one gets a 403 page, not the action.
    doubleCsrfProtection(request, response, (error?: unknown) => {
      if (error) {
        response.status(403).render('pages/error', { title: 'error.title', message: 'error.csrf', user: null });
        return;
      }
      // A form shown again after a refused post needs a token too.
      response.locals.csrfToken = generateCsrfToken(request, response);
      next();
    });
  });
}
