import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { AddressInfo } from 'node:net';
import { parseDatabaseUrl } from '../../src/config/app.config';
import { BENCH_PASSWORD, BENCH_TODAY, readOptions } from './bench-options';
import { statusCountsParams, statusCountsSql } from './floor-queries';

/**
 * Measures the built server on a database filled by `npm run bench:data`, and writes
 * test/bench/RESULTS.md. Every figure comes from this run; targets are checked, not assumed.
 */
const options = readOptions({ database: 'sqlite:data/bench.sqlite', port: '3999', duration: '15', connections: '10' });
const database = parseDatabaseUrl(options.database);
const base = `http://127.0.0.1:${options.port}`;

interface Figure {
  name: string;
  value: string;
  target: string;
  met: boolean | null;
}
const figures: Figure[] = [];
function record(name: string, value: string, target = '', met: boolean | null = null): void {
  figures.push({ name, value, target, met });
  console.log(`${name}: ${value}${target ? ` (target ${target}: ${met ? 'met' : 'NOT met'})` : ''}`);
}

/** An SMTP server that only counts, so delivery speed is the app's, not a parser's. */
async function startSmtpSink(): Promise<{ url: string; count: () => number; stop: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        received += 1;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: () => received,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function startServer(smtpUrl: string): Promise<ChildProcess> {
  // Started as `npm start` starts it, heap limit included.
  const server = spawn(
    process.execPath,
    ['--max-old-space-size=256', join(__dirname, '..', '..', 'dist', 'src', 'main.js')],
    {
      env: {
        ...process.env,
        DATABASE_URL: options.database,
        PORT: options.port,
        TODAY: BENCH_TODAY,
        SEED_DEMO: '0',
        SMTP_URL: smtpUrl,
        AUTH_SECRET: 'bench-secret-that-is-long-enough-to-sign-tokens',
        REMINDER_CRON: '0 3 1 1 *',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const healthy = await fetch(`${base}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return server;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('The server did not start');
}

async function api(method: string, path: string, token: string | null, body?: string, type = 'application/json') {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': type } : {}) },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, ms: performance.now() - started };
}

async function login(email: string): Promise<string> {
  return (await api('POST', '/api/auth/login', null, JSON.stringify({ email, password: BENCH_PASSWORD }))).body.token;
}

/** Runs a query many times against the same database and returns the mean in ms. */
async function timeQuery(
  sql: string,
  params: Array<string | number>,
  times: number,
): Promise<{ ms: number; rows: unknown[] }> {
  if (database.type === 'sqlite') {
    const db = new Database(database.path, { readonly: true });
    const statement = db.prepare(sql.replace(/\$\d+/g, '?'));
    const positional = (sql.match(/\$(\d+)/g) ?? []).map((token) => params[Number(token.slice(1)) - 1]);
    let rows: unknown[] = [];
    const started = performance.now();
    for (let index = 0; index < times; index += 1) rows = statement.all(...positional);
    const ms = (performance.now() - started) / times;
    db.close();
    return { ms, rows };
  }
  const client = new Client({ connectionString: database.url });
  await client.connect();
  let rows: unknown[] = [];
  const started = performance.now();
  for (let index = 0; index < times; index += 1) rows = (await client.query(sql, params)).rows;
  const ms = (performance.now() - started) / times;
  await client.end();
  return { ms, rows };
}

function memoryMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]) / 1024;
}

async function benchSchoolSummary(dsp: string, onlineSafetyIds: number[]): Promise<void> {
  await api('GET', '/api/schools/1/compliance', dsp);
  const result = await autocannon({
    url: `${base}/api/schools/1/compliance`,
    connections: Number(options.connections),
    duration: Number(options.duration),
    headers: { Authorization: `Bearer ${dsp}` },
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`School summary answered ${result.non2xx} non-2xx and ${result.errors} errors`);
  record(
    'School summary (HTTP, 10 connections)',
    `${result.requests.average.toFixed(0)} requests/s`,
    '≥ 300 requests/s',
    result.requests.average >= 300,
  );
  record('School summary median latency', `${result.latency.p50} ms`);
  record('School summary p99 latency', `${result.latency.p99} ms`, '< 50 ms', result.latency.p99 < 50);
  const floor = await timeQuery(
    statusCountsSql((index) => `$${index}`, onlineSafetyIds, true),
    statusCountsParams(BENCH_TODAY, 1),
    200,
  );
  record('School counts by one hand-written SQL query (floor)', `${floor.ms.toFixed(2)} ms per query`);
  record('School summary median latency ÷ floor', `${(result.latency.p50 / floor.ms).toFixed(1)}×`);
}

async function benchRollup(admin: string, onlineSafetyIds: number[]): Promise<void> {
  const runs = [];
  for (let index = 0; index < 3; index += 1) runs.push(await api('GET', '/api/compliance', admin));
  const ms = runs.map((run) => run.ms).sort((a, b) => a - b)[1];
  const floor = await timeQuery(
    statusCountsSql((index) => `$${index}`, onlineSafetyIds, false),
    statusCountsParams(BENCH_TODAY),
    3,
  );
  record(`All-schools roll-up (HTTP, ${runs[0].body.length} schools)`, `${ms.toFixed(0)} ms`, '< 1000 ms', ms < 1000);
  record('All-schools counts by one hand-written SQL aggregate', `${floor.ms.toFixed(0)} ms`);
  record('Roll-up ÷ hand-written aggregate', `${(ms / floor.ms).toFixed(2)}×`, '≤ 2×', ms / floor.ms <= 2);
  const first = runs[0].body.find((row: { schoolId: number }) => row.schoolId === 1);
  const floorFirst = (floor.rows as Array<Record<string, unknown>>).find((row) => Number(row.schoolId) === 1)!;
  const agree =
    first.counts.current === Number(floorFirst.current) &&
    first.counts.never === Number(floorFirst.never) &&
    first.activeStaff === Number(floorFirst.active_staff);
  record('Roll-up and hand-written SQL agree on school 1', agree ? 'yes' : 'NO', 'same counts', agree);
}

async function benchReminders(admin: string, sink: { count: () => number }): Promise<void> {
  const run = await api('POST', '/api/reminders/run', admin);
  const { sent, failed, skipped, selectionMs, deliveryMs } = run.body;
  record(
    'Reminder run',
    `${sent} sent, ${skipped} skipped, ${failed} failed; ${sink.count()} received by the SMTP server`,
  );
  record('Reminder selection (all schools)', `${selectionMs} ms`, '< 2000 ms', selectionMs < 2000);
  const rate = sent / (deliveryMs / 1000);
  record(
    'Reminder delivery over a pooled SMTP connection',
    `${rate.toFixed(0)} emails/s`,
    '≥ 100 emails/s',
    rate >= 100,
  );
}

async function benchImport(admin: string): Promise<void> {
  const sql = `SELECT email FROM staff_member WHERE "startDate" <= '${BENCH_TODAY}' AND ("leftOn" IS NULL OR "leftOn" > '${BENCH_TODAY}') ORDER BY id LIMIT 10000`;
  const emails = ((await timeQuery(sql, [], 1)).rows as Array<{ email: string }>).map((row) => row.email);
  const lines = emails.map(
    (email, index) =>
      `${email},Keeping safe online: online safety for education practitioners,${BENCH_TODAY},BENCH-${index}`,
  );
  const csv = ['email,course,completed_on,evidence', ...lines].join('\n');
  const countSql = 'SELECT COUNT(*) AS n FROM completion';
  const before = Number(((await timeQuery(countSql, [], 1)).rows[0] as { n: number }).n);
  const bad = await api(
    'POST',
    '/api/completions/import',
    admin,
    `${csv}\nnobody@bench.test,Keeping safe online: online safety for education practitioners,${BENCH_TODAY},`,
    'text/csv',
  );
  const unchanged = Number(((await timeQuery(countSql, [], 1)).rows[0] as { n: number }).n) === before;
  record(
    '10,000-row import with one bad row',
    `${bad.status}, ${bad.body.errors?.length} bad row listed, ${unchanged ? 'nothing saved' : 'ROWS SAVED'} (${bad.ms.toFixed(0)} ms)`,
    'all or nothing',
    bad.status === 400 && unchanged,
  );
  const good = await api('POST', '/api/completions/import', admin, csv, 'text/csv');
  const after = Number(((await timeQuery(countSql, [], 1)).rows[0] as { n: number }).n);
  record(
    '10,000-row import',
    `${good.status}, ${good.body.imported} imported in ${good.ms.toFixed(0)} ms`,
    '< 3000 ms',
    good.status === 201 && after === before + 10_000 && good.ms < 3000,
  );
}

function writeResults(): void {
  const path = join(__dirname, 'RESULTS.md');
  const label = database.type === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const cpu = cpus();
  const section = [
    `## ${label}`,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu.length} × ${cpu[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; \`npm run bench -- --database ${database.type === 'sqlite' ? options.database : 'postgres://…'}\`.`,
    '',
    '| measure | result | target | met |',
    '|---|---|---|---|',
    ...figures.map(
      (figure) =>
        `| ${figure.name} | ${figure.value} | ${figure.target} | ${figure.met === null ? '' : figure.met ? 'yes' : '**no**'} |`,
    ),
    '',
  ].join('\n');
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const sections = existing
    .split(/^(?=## )/m)
    .filter((part) => part.startsWith('## ') && !part.startsWith(`## ${label}\n`));
  const header =
    '# Benchmark results\n\nWritten by `npm run bench` (code in `test/bench/`) on a database filled by `npm run bench:data -- --schools 1500 --staff-per-school 50`.\n\n';
  writeFileSync(path, header + [...sections.map((part) => part.trimEnd() + '\n'), section].join('\n'));
  console.log(`Results written to ${path}`);
}

async function main(): Promise<void> {
  const sink = await startSmtpSink();
  const server = await startServer(sink.url);
  try {
    const dsp = await login('dsp1@bench.test');
    const admin = await login('admin@bench.test');
    const courses: Array<{ id: number; topics: string[] }> = (await api('GET', '/api/courses', admin)).body;
    const onlineSafetyIds = courses
      .filter((course) => course.topics.includes('online-safety'))
      .map((course) => course.id);
    const { body: schools } = await api('GET', '/api/schools', admin);
    const [{ n: staff }] = (await timeQuery('SELECT COUNT(*) AS n FROM staff_member', [], 1)).rows as Array<{
      n: number;
    }>;
    const [{ n: completions }] = (await timeQuery('SELECT COUNT(*) AS n FROM completion', [], 1)).rows as Array<{
      n: number;
    }>;
    record('Data', `${schools.length} schools, ${staff} staff, ${completions} completions`);
    const phases: Array<[string, () => Promise<void>]> = [
      ['school summary', () => benchSchoolSummary(dsp, onlineSafetyIds)],
      ['roll-up', () => benchRollup(admin, onlineSafetyIds)],
      ['reminders', () => benchReminders(admin, sink)],
      ['import', () => benchImport(admin)],
    ];
    const peaks: string[] = [];
    for (const [name, phase] of phases) {
      await phase();
      peaks.push(`${name} ${memoryMb(server.pid!, 'VmHWM').toFixed(0)}`);
    }
    record('Server peak RSS after each phase (MB)', peaks.join(', '));
    const rss = memoryMb(server.pid!, 'VmHWM');
    record('Server peak memory (RSS high-water mark)', `${rss.toFixed(0)} MB`, '< 300 MB', rss < 300);
  } finally {
    server.kill('SIGTERM');
    await sink.stop();
  }
  writeResults();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
