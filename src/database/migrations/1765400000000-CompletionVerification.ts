import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

/**
 * What counts as training: completions gain their verification state and the prior
 * flag (every existing row was recorded by a DSP or admin, so it is verified), and
 * certificates are kept in the database itself so that SQLite backups and
 * PostgreSQL dumps carry them with the records they prove.
 */
export class CompletionVerification1765400000000 implements MigrationInterface {
  name = 'CompletionVerification1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('completion', [
      new TableColumn({ name: 'verification', type: 'varchar', length: '10', default: "'verified'" }),
      new TableColumn({ name: 'prior', type: 'boolean', default: false }),
      new TableColumn({ name: 'rejectionReason', type: 'varchar', length: '500', isNullable: true }),
      new TableColumn({ name: 'verifiedById', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'verifiedAt', type: 'varchar', length: '30', isNullable: true }),
    ]);
    // The loader reads only verified rows: a partial index keeps its grouped query index-only.
    await queryRunner.dropIndex('completion', 'IDX_completion_latest');
    await queryRunner.createIndex(
      'completion',
      new TableIndex({
        name: 'IDX_completion_verified_latest',
        columnNames: ['staffId', 'courseId', 'prior', 'completedOn', 'expiresOn'],
        where: `"verification" = 'verified'`,
      }),
    );
    await queryRunner.createIndex(
      'completion',
      new TableIndex({ name: 'IDX_completion_verification', columnNames: ['verification', 'staffId'] }),
    );
    const binary = queryRunner.connection.options.type === 'postgres' ? 'bytea' : 'blob';
    await queryRunner.createTable(
      new Table({
        name: 'completion_certificate',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'completionId', type: 'integer', isUnique: true },
          { name: 'contentType', type: 'varchar', length: '30' },
          { name: 'fileName', type: 'varchar', length: '100' },
          { name: 'size', type: 'integer' },
          { name: 'data', type: binary },
          { name: 'uploadedById', type: 'integer', isNullable: true },
          { name: 'uploadedAt', type: 'varchar', length: '30' },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['completionId'],
            referencedTableName: 'completion',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('completion_certificate');
    await queryRunner.dropIndex('completion', 'IDX_completion_verification');
    await queryRunner.dropIndex('completion', 'IDX_completion_verified_latest');
    await queryRunner.createIndex(
      'completion',
      new TableIndex({
        name: 'IDX_completion_latest',
        columnNames: ['staffId', 'courseId', 'completedOn', 'expiresOn'],
      }),
    );
    for (const column of ['verifiedAt', 'verifiedById', 'rejectionReason', 'prior', 'verification'])
      await queryRunner.dropColumn('completion', column);
  }
}
