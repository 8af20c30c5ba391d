import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Covers "the latest completion of each course for each member" (the compliance
 * loader's grouped query) from the index alone, without reading the table rows.
 */
export class CompletionLatestIndex1764500000000 implements MigrationInterface {
  name = 'CompletionLatestIndex1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'completion',
      new TableIndex({
        name: 'IDX_completion_latest',
        columnNames: ['staffId', 'courseId', 'completedOn', 'expiresOn'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('completion', 'IDX_completion_latest');
  }
}
