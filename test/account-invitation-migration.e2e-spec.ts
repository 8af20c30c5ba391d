import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../src/config/app.config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { MIGRATIONS } from '../src/database/migrations';
import { AccountInvitationPending1765800000000 } from '../src/database/migrations/1765800000000-AccountInvitationPending';
import { dropDatabase, freshDatabaseUrl } from './utils/create-test-app';

const THIS_ONE = MIGRATIONS.indexOf(AccountInvitationPending1765800000000);

async function openWith(databaseUrl: string, count: number): Promise<DataSource> {
  const options = dataSourceOptions(parseDatabaseUrl(databaseUrl));
  return new DataSource({ ...options, migrations: MIGRATIONS.slice(0, count) }).initialize();
}

async function hasPendingColumn(ds: DataSource): Promise<boolean> {
  const queryRunner = ds.createQueryRunner();
  try {
    return await queryRunner.hasColumn('app_user', 'invitationPending');
  } finally {
    await queryRunner.release();
  }
}

describe(AccountInvitationPending1765800000000.name, () => {
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl();
    const ds = await openWith(databaseUrl, THIS_ONE);
    // Plain SQL: the entities describe the schema after this migration, not before it.
    const user = async (email: string, lastSignInAt: string | null) => {
      const signedIn = lastSignInAt === null ? 'NULL' : `'${lastSignInAt}'`;
      await ds.query(
        `INSERT INTO app_user (email, "passwordHash", role, "lastSignInAt") VALUES ('${email}', 'x', 'admin', ${signedIn})`,
      );
      const [row] = await ds.query<{ id: number }[]>(`SELECT id FROM app_user WHERE email = '${email}'`);
      return row.id;
    };
    const link = (userId: number, purpose: string) =>
      ds.query(
        `INSERT INTO account_token ("userId", purpose, "tokenHash", "expiresAt", "createdAt")
         VALUES (${userId}, '${purpose}', '${purpose}-${userId}', '2030-01-01', '2026-01-01')`,
      );
    await link(await user('waiting@x.test', null), 'invite');
    await link(await user('signed.in@x.test', '2026-11-01T10:00:00.000Z'), 'invite');
    await link(await user('resetting@x.test', null), 'reset');
    await user('made.with.password@x.test', null);
    await ds.destroy();
  });
  afterAll(() => dropDatabase(databaseUrl));

  it('up marks as pending exactly the accounts never signed in that still have an invitation link; down drops it', async () => {
    const ds = await openWith(databaseUrl, THIS_ONE + 1);
    const rows = await ds.query<{ email: string; pending: unknown }[]>(
      'SELECT email, "invitationPending" AS pending FROM app_user ORDER BY email',
    );
    expect(rows.map((row) => [row.email, Boolean(row.pending)])).toEqual([
      ['made.with.password@x.test', false],
      ['resetting@x.test', false],
      ['signed.in@x.test', false],
      ['waiting@x.test', true],
    ]);
    expect(await hasPendingColumn(ds)).toBe(true);
    await ds.undoLastMigration();
    // The schema read back, not a query expected to fail: SQLite may read an unknown
    // "quoted" name as a string, so a failing SELECT is no proof the column is gone.
    expect(await hasPendingColumn(ds)).toBe(false);
    const [{ n }] = await ds.query<{ n: unknown }[]>('SELECT COUNT(*) AS n FROM app_user');
    expect(Number(n)).toBe(4);
    await ds.destroy();
  });
});
