import { MigrationInterface, QueryRunner, Table, TableForeignKey } from 'typeorm';

export class ComplianceSnapshots1764300000000 implements MigrationInterface {
  name = 'ComplianceSnapshots1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'compliance_snapshot',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'schoolId', type: 'integer' },
          { name: 'takenOn', type: 'varchar', length: '10' },
          { name: 'activeStaff', type: 'integer' },
          { name: 'percentCurrent', type: 'double precision', isNullable: true },
          { name: 'counts', type: 'text' },
          { name: 'concernCodes', type: 'text' },
        ],
        uniques: [{ name: 'UQ_snapshot_school_day', columnNames: ['schoolId', 'takenOn'] }],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['schoolId'],
            referencedTableName: 'school',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('compliance_snapshot');
  }
}
