import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey } from 'typeorm';

export class Reminders1764400000000 implements MigrationInterface {
  name = 'Reminders1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'school',
      new TableColumn({ name: 'coordinatorCopyAfterDays', type: 'integer', default: 28 }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'reminder',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'staffId', type: 'integer' },
          { name: 'schoolId', type: 'integer' },
          { name: 'training', type: 'varchar', length: '20' },
          { name: 'dueOn', type: 'varchar', length: '10' },
          { name: 'offsetDays', type: 'integer' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'lastError', type: 'varchar', length: '500', isNullable: true },
          { name: 'messageId', type: 'varchar', length: '300', isNullable: true },
          { name: 'recipients', type: 'text' },
          { name: 'createdAt', type: 'varchar', length: '30' },
          { name: 'sentAt', type: 'varchar', length: '30', isNullable: true },
        ],
        uniques: [{ name: 'UQ_reminder_key', columnNames: ['staffId', 'training', 'dueOn', 'offsetDays'] }],
        indices: [{ name: 'IDX_reminder_staff', columnNames: ['staffId', 'id'] }],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['staffId'],
            referencedTableName: 'staff_member',
            referencedColumnNames: ['id'],
          }),
          new TableForeignKey({
            columnNames: ['schoolId'],
            referencedTableName: 'school',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reminder');
    await queryRunner.dropColumn('school', 'coordinatorCopyAfterDays');
  }
}
