import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { AppConfig } from './config/app.config';
import { validateEnvironment } from './config/environment';
import { StartupService } from './database/startup.service';
import { setupApp } from './setup-app';

async function bootstrap(): Promise<void> {
  // Checked before Nest starts, so a bad variable gives one line, not a logged stack.
  validateEnvironment(process.env);
  const app = setupApp(await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false }));
  const config = app.get(ConfigService<AppConfig, true>);
  const port = config.get('port', { infer: true });
  await app.listen(port);
  const logger = new Logger('Bootstrap');
  logger.log(`Serving on http://localhost:${port} (API docs at /api/docs)`);
  for (const login of app.get(StartupService).demoLogins) logger.log(`Demo login (${login.role}): ${login.email} / ${login.password}`);
}

bootstrap().catch((error: Error) => {
  // One line naming the problem (for example a bad DATABASE_URL), not a stack trace.
  console.error(error.message);
  process.exit(1);
});
