import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey } from 'typeorm';

// Written with TypeORM's Table API rather than raw SQL so that one migration
// serves both SQLite and PostgreSQL.
const id: TableColumnOptions = {
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
};
const day = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '10',
  isNullable,
});
const text = (name: string, length: number, isNullable = true): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});
const int = (name: string, isNullable = false, defaultValue?: number): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable,
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
});
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', default: false });
const json = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'text', isNullable });
const fk = (columnName: string, referencedTableName: string, onDelete = 'RESTRICT'): TableForeignKey =>
  new TableForeignKey({ columnNames: [columnName], referencedTableName, referencedColumnNames: ['id'], onDelete });

export class InitialSchema1764200000000 implements MigrationInterface {
  name = 'InitialSchema1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'school',
        columns: [
          id,
          text('name', 200, false),
          { ...text('kind', 20, false), default: "'school'" },
          int('annualRefreshMonths', false, 12),
          int('inductionWindowDays', false, 30),
          int('dueSoonDays', false, 30),
          int('coverageThresholdPercent', false, 90),
          json('reminderOffsetsDays'),
          int('trainingCoordinatorId', true),
          day('filteringReviewedOn', true),
          bool('governorsSeeNames'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'staff_member',
        columns: [
          id,
          int('schoolId'),
          text('name', 200, false),
          text('email', 254, false),
          text('jobTitle', 200),
          day('startDate'),
          day('leftOn', true),
          { ...text('safeguardingRole', 20, false), default: "'none'" },
          bool('onlineSafetyGroup'),
          { ...text('language', 2, false), default: "'en'" },
        ],
        uniques: [{ name: 'UQ_staff_email', columnNames: ['email'] }],
        indices: [{ name: 'IDX_staff_school', columnNames: ['schoolId'] }],
        foreignKeys: [fk('schoolId', 'school')],
      }),
    );
    await queryRunner.createForeignKey('school', fk('trainingCoordinatorId', 'staff_member', 'SET NULL'));
    await queryRunner.createTable(
      new Table({
        name: 'course',
        columns: [
          id,
          int('schoolId', true),
          text('title', 200, false),
          text('provider', 200),
          text('url', 500),
          json('topics'),
          bool('induction'),
          int('validityMonths'),
          day('contentReviewedOn'),
          bool('retired'),
        ],
        indices: [{ name: 'IDX_course_school', columnNames: ['schoolId'] }],
        foreignKeys: [fk('schoolId', 'school')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'completion',
        columns: [
          id,
          int('staffId'),
          int('courseId'),
          day('completedOn'),
          day('expiresOn'),
          text('evidence', 500),
          int('recordedById', true),
          text('recordedAt', 30, false),
        ],
        uniques: [{ name: 'UQ_completion_staff_course_day', columnNames: ['staffId', 'courseId', 'completedOn'] }],
        indices: [
          { name: 'IDX_completion_staff', columnNames: ['staffId', 'expiresOn'] },
          { name: 'IDX_completion_course', columnNames: ['courseId'] },
        ],
        foreignKeys: [fk('staffId', 'staff_member'), fk('courseId', 'course')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'needs_audit',
        columns: [
          id,
          int('staffId'),
          day('auditedOn'),
          int('auditedById', true),
          json('needs'),
          text('recordedAt', 30, false),
        ],
        indices: [{ name: 'IDX_needs_audit_staff', columnNames: ['staffId', 'auditedOn'] }],
        foreignKeys: [fk('staffId', 'staff_member')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'app_user',
        columns: [
          id,
          text('email', 254, false),
          text('passwordHash', 100, false),
          text('role', 20, false),
          int('schoolId', true),
          int('staffId', true),
        ],
        uniques: [{ name: 'UQ_user_email', columnNames: ['email'] }],
        foreignKeys: [fk('schoolId', 'school'), fk('staffId', 'staff_member')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'change_log',
        columns: [
          id,
          text('at', 30, false),
          int('userId', true),
          int('schoolId', true),
          text('entity', 40, false),
          int('entityId'),
          text('action', 10, false),
          json('before', true),
          json('after', true),
        ],
        indices: [{ name: 'IDX_change_school', columnNames: ['schoolId', 'id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['change_log', 'app_user', 'needs_audit', 'completion', 'course'])
      await queryRunner.dropTable(table);
    const school = await queryRunner.getTable('school');
    const coordinatorKey = school?.foreignKeys.find((key) => key.columnNames.includes('trainingCoordinatorId'));
    if (coordinatorKey) await queryRunner.dropForeignKey('school', coordinatorKey);
    await queryRunner.dropTable('staff_member');
    await queryRunner.dropTable('school');
  }
}
