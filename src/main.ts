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
  const app = setupApp(
    await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true }),
  );
  const config = app.get(ConfigService<AppConfig, true>);
  const port = config.get('port', { infer: true });
  await app.listen(port);
  new Logger('Bootstrap').log(`Serving on port ${port}`);
  // For the person at the terminal, outside the JSON log: the demo accounts are fictional and public.
  const lines = [`Open http://localhost:${port} (API docs at http://localhost:${port}/api/docs)`];
  for (const login of app.get(StartupService).demoLogins)
    lines.push(`  demo ${login.role.padEnd(8)} ${login.email} / ${login.password}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  stopGracefully(app);
}

/**
 * On SIGTERM or SIGINT: stop taking requests, let those in flight and a running
 * reminder run finish, close the database, and exit 0.
 */
function stopGracefully(app: NestExpressApplication): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    new Logger('Shutdown').log(`${signal} received: finishing work in flight`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

bootstrap().catch((error: unknown) => {
  // One line naming the problem (for example a bad DATABASE_URL), not a stack trace.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
