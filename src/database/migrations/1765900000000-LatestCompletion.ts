import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The latest verified completion of each course for each member (prior training kept
 * apart): what the compliance loader reads for today, so that it reads about one row
 * in five instead of grouping every completion on every request.
 *
 * Kept by the database itself, by triggers on `completion`: every insert, update and
 * delete, from any code path, recomputes the groups it touches from `completion`, in
 * the same transaction. It is never written by the app, holds nothing that is not
 * derived, and `test/latest-completion.e2e-spec.ts` checks it equals the grouping
 * after every kind of write, on both databases.
 *
 * A later SQLite migration that rebuilds the `completion` table (TypeORM does so to
 * change or drop a column) drops these triggers: it must create them again.
 */
export class LatestCompletion1765900000000 implements MigrationInterface {
  name = 'LatestCompletion1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "latest_completion" ("staffId" integer NOT NULL, "courseId" integer NOT NULL,
        "prior" boolean NOT NULL, "completedOn" varchar(10) NOT NULL, "expiresOn" varchar(10) NOT NULL,
        PRIMARY KEY ("staffId", "courseId", "prior"))`,
    );
    // The loader reads it only while no completion is later than the day asked for.
    await queryRunner.query('CREATE INDEX "IDX_latest_completion_day" ON "latest_completion" ("completedOn")');
    await queryRunner.query(
      `INSERT INTO "latest_completion" ("staffId", "courseId", "prior", "completedOn", "expiresOn")
       SELECT "staffId", "courseId", "prior", MAX("completedOn"), MAX("expiresOn") FROM "completion"
       WHERE "verification" = 'verified' GROUP BY "staffId", "courseId", "prior"`,
    );
    if (queryRunner.connection.options.type === 'postgres') await createPostgresTriggers(queryRunner);
    else await createSqliteTriggers(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP TRIGGER "completion_latest" ON "completion"');
      await queryRunner.query('DROP FUNCTION "completion_latest_refresh"()');
    } else {
      for (const event of SQLITE_EVENTS) await queryRunner.query(`DROP TRIGGER "completion_latest_${event}"`);
    }
    await queryRunner.query('DROP TABLE "latest_completion"');
  }
}

/**
 * Recomputes one group, named by `row` (NEW or OLD): an upsert of its latest dates,
 * then its row removed if no verified completion is left in it.
 */
function refreshGroup(row: 'NEW' | 'OLD'): string {
  const group = `"staffId" = ${row}."staffId" AND "courseId" = ${row}."courseId" AND "prior" = ${row}."prior"`;
  return `
    INSERT INTO "latest_completion" ("staffId", "courseId", "prior", "completedOn", "expiresOn")
      SELECT "staffId", "courseId", "prior", MAX("completedOn"), MAX("expiresOn") FROM "completion"
      WHERE ${group} AND "verification" = 'verified' GROUP BY "staffId", "courseId", "prior"
      ON CONFLICT ("staffId", "courseId", "prior")
      DO UPDATE SET "completedOn" = excluded."completedOn", "expiresOn" = excluded."expiresOn";
    DELETE FROM "latest_completion" WHERE ${group} AND NOT EXISTS
      (SELECT 1 FROM "completion" WHERE ${group} AND "verification" = 'verified');`;
}

const SQLITE_EVENTS = ['insert', 'update', 'delete'] as const;

/** SQLite has one writer at a time, so each trigger simply recomputes its groups. */
async function createSqliteTriggers(queryRunner: QueryRunner): Promise<void> {
  const body = {
    insert: refreshGroup('NEW'),
    update: refreshGroup('OLD') + refreshGroup('NEW'),
    delete: refreshGroup('OLD'),
  };
  for (const event of SQLITE_EVENTS) {
    await queryRunner.query(
      `CREATE TRIGGER "completion_latest_${event}" AFTER ${event.toUpperCase()} ON "completion"
       BEGIN ${body[event]} END`,
    );
  }
}

/**
 * PostgreSQL writes concurrently: two transactions changing one member's completions
 * could each recompute from a snapshot without the other's row, and the later commit
 * would keep a stale date. So each first locks the member's row; a waiting transaction
 * then computes after the first has committed (each statement of a function takes a
 * new snapshot under READ COMMITTED). NO KEY UPDATE does not block the key-share locks
 * that foreign key checks take on the member.
 */
async function createPostgresTriggers(queryRunner: QueryRunner): Promise<void> {
  const lock = (row: 'NEW' | 'OLD') => `PERFORM 1 FROM "staff_member" WHERE "id" = ${row}."staffId" FOR NO KEY UPDATE;`;
  await queryRunner.query(
    `CREATE FUNCTION "completion_latest_refresh"() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP <> 'INSERT' THEN ${lock('OLD')} ${refreshGroup('OLD')} END IF;
       IF TG_OP <> 'DELETE' THEN ${lock('NEW')} ${refreshGroup('NEW')} END IF;
       RETURN NULL;
     END $$`,
  );
  await queryRunner.query(
    `CREATE TRIGGER "completion_latest" AFTER INSERT OR UPDATE OR DELETE ON "completion"
     FOR EACH ROW EXECUTE FUNCTION "completion_latest_refresh"()`,
  );
}
