import { ValidationPipe } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { HttpAdapterHost } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BODY_LIMIT_BYTES } from './common/body-limit';
import { assertUtf8Csv } from './common/csv';
import { assertJsonDepth } from './common/json-depth';
import { AppExceptionFilter } from './common/errors/app-exception.filter';
import { flattenValidationErrors, refusal } from './common/errors/field-errors';
import { AUTH_SECRET } from './auth/auth-secret';
import { AppConfig } from './config/app.config';
import { securityHeaders, setupWeb } from './web/web-setup';
import { SafeTextPipe } from './common/validation/safe-text';

export function buildOpenApiDocument(app: NestExpressApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Staff online-safety training tracker')
    .setDescription(
      'Training, induction and annual refresh of school and college staff in Wales, and the ' +
        'concerns governors should act on.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * Pages, API answers and CSVs carry personal data: no browser or proxy may keep a
 * copy (a shared staff-room computer would show them after logout). Only the static
 * assets may be cached.
 */
function noStore(request: Request, response: Response, next: NextFunction): void {
  if (!request.path.startsWith('/assets/')) response.setHeader('Cache-Control', 'no-store');
  next();
}

/** Everything main.ts and the tests share: pipes, filters, body parsers, API docs. */
export function setupApp(app: NestExpressApplication): NestExpressApplication {
  app.useLogger(app.get(Logger));
  // Behind a proxy the client's address comes from X-Forwarded-For, but only from proxies named in TRUST_PROXY.
  const trustProxy = app.get(ConfigService<AppConfig, true>).get('trustProxy', { infer: true });
  if (trustProxy !== null) app.set('trust proxy', trustProxy);
  // Security headers first, so every response carries them, errors included.
  app.use(securityHeaders(app));
  app.useGlobalPipes(
    new SafeTextPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // Every rule runs; flattenValidationErrors picks the one message that names the actual fault.
      stopAtFirstError: false,
      exceptionFactory: (errors) => refusal(...flattenValidationErrors(errors)),
    }),
  );
  app.useGlobalFilters(new AppExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
  app.use(noStore);
  // Both checks read the raw bytes before any parsing, so a hostile body costs next to nothing.
  app.useBodyParser('json', {
    limit: BODY_LIMIT_BYTES,
    verify: (_request: Request, _response: Response, bytes: Buffer) => assertJsonDepth(bytes),
  });
  app.useBodyParser('text', {
    type: 'text/csv',
    limit: BODY_LIMIT_BYTES,
    verify: (_request: Request, _response: Response, bytes: Buffer, encoding: string) => {
      if (/^utf-?8$/i.test(encoding)) assertUtf8Csv(bytes);
    },
  });
  setupWeb(app, app.get<string>(AUTH_SECRET));
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
