import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { extname, join } from 'node:path';
import { Pool, pool } from 'workerpool';
import { Day } from '../common/day';
import type { ComplianceRollupRowDto } from './compliance.dto';
import { RollupSchool, rollupRows } from './compliance-rollup';
import { SchoolRecordsAnswer } from './school-records.assemble';

/**
 * One worker thread that works out roll-up rows, so that the all-schools roll-up uses
 * both of a small server's cores: while the main thread reads the next chunk of schools
 * from the database (a synchronous call on SQLite), the worker applies the rules to the
 * chunk before. The worker runs the same pure functions; nothing is cached in it.
 * Started on first use and stopped with the app.
 */
@Injectable()
export class RollupWorkers implements OnApplicationShutdown {
  private workers?: Pool;

  rows(schools: RollupSchool[], answer: SchoolRecordsAnswer, today: Day): Promise<ComplianceRollupRowDto[]> {
    this.workers ??= startWorkers();
    return this.workers.exec<typeof rollupRows>('rollupRows', [schools, answer, today]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.workers?.terminate();
    this.workers = undefined;
  }
}

function startWorkers(): Pool {
  // Run from TypeScript (the tests), the worker compiles its source as it loads it.
  const fromSource = extname(__filename) === '.ts';
  return pool(join(__dirname, `rollup.worker${extname(__filename)}`), {
    maxWorkers: 1,
    workerType: 'thread',
    workerThreadOpts: {
      execArgv: fromSource ? ['--require', 'ts-node/register/transpile-only'] : [],
      // Bounded like the main thread's heap (npm start), so the server's memory stays bounded.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
    },
  });
}
