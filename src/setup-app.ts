import { ValidationPipe } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { HttpAdapterHost } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BODY_LIMIT } from './common/body-limit';
import { AppExceptionFilter } from './common/errors/app-exception.filter';
import { badRequest, flattenValidationErrors } from './common/errors/field-errors';
import { AUTH_SECRET } from './auth/auth-secret';
import { securityHeaders, setupWeb } from './web/web-setup';

export function buildOpenApiDocument(app: NestExpressApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Staff online-safety training tracker')
    .setDescription(
      'Training, induction and annual refresh of school and college staff in Wales, and the concerns governors should act on.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Everything main.ts and the tests share: pipes, filters, body parsers, API docs. */
export function setupApp(app: NestExpressApplication): NestExpressApplication {
  app.useLogger(app.get(Logger));
  // Security headers first, so every response carries them, errors included.
  app.use(securityHeaders(app));
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // One message per field: the first rule it breaks.
      stopAtFirstError: true,
      exceptionFactory: (errors) => badRequest(flattenValidationErrors(errors)),
    }),
  );
  app.useGlobalFilters(new AppExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('text', { type: 'text/csv', limit: BODY_LIMIT });
  setupWeb(app, app.get<string>(AUTH_SECRET));
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
