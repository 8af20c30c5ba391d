import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const PER_SCHOOL = new TableIndex({
  name: 'UQ_staff_school_email',
  columnNames: ['schoolId', 'email'],
  isUnique: true,
});
const ACROSS_SCHOOLS_NAME = 'UQ_staff_email';
const ACROSS_SCHOOLS = new TableIndex({ name: ACROSS_SCHOOLS_NAME, columnNames: ['email'], isUnique: true });

/**
 * A staff email is unique within its school, no longer across the instance: one person
 * may work at two schools, and a DSP adding a member learns nothing about other schools'
 * staff.
 *
 * The initial schema made it a UNIQUE table constraint, which SQLite cannot drop in place:
 * TypeORM rebuilds the table there (foreign keys are off while migrations run, so the
 * rebuild neither trips nor fires them); PostgreSQL drops it in place. The rebuild copies
 * the table as TypeORM last loaded it, and earlier migrations in the same run changed it
 * by plain SQL (misId), so the table is read afresh first: a cached copy would rebuild it
 * without them.
 *
 * Down restores the old rule as a unique index, not a table constraint: TypeORM undoes a
 * migration inside a transaction, where SQLite cannot switch foreign keys off, so a second
 * rebuild could not run there. Up accepts either form.
 */
export class StaffEmailPerSchool1765700000000 implements MigrationInterface {
  name = 'StaffEmailPerSchool1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = await freshTable(queryRunner);
    if (table.uniques.some((unique) => unique.name === ACROSS_SCHOOLS_NAME))
      await queryRunner.dropUniqueConstraint(table, ACROSS_SCHOOLS_NAME);
    else await queryRunner.dropIndex(table, ACROSS_SCHOOLS_NAME);
    await queryRunner.createIndex('staff_member', PER_SCHOOL);
  }

  /** Refused, changing nothing, while some email is used at two schools: the old rule cannot hold them. */
  async down(queryRunner: QueryRunner): Promise<void> {
    const shared = (await queryRunner.query(
      'SELECT "email" FROM "staff_member" GROUP BY "email" HAVING COUNT(*) > 1',
    )) as unknown[];
    if (shared.length > 0)
      throw new Error(
        `Cannot make staff emails unique across schools again: ${shared.length} email(s) are used at more than one school`,
      );
    await queryRunner.dropIndex('staff_member', PER_SCHOOL);
    await queryRunner.createIndex('staff_member', ACROSS_SCHOOLS);
  }
}

async function freshTable(queryRunner: QueryRunner): Promise<Table> {
  const table = await queryRunner.getTable('staff_member');
  if (!table) throw new Error('No staff_member table');
  return table;
}
