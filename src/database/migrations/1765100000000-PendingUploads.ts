import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Checked import files waiting for the user's confirm, shared by every instance. */
export class PendingUploads1765100000000 implements MigrationInterface {
  name = 'PendingUploads1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'pending_upload',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'userId', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'content', type: 'text' },
          { name: 'expiresAt', type: 'varchar', length: '30' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'pending_upload',
      new TableIndex({ name: 'IDX_pending_upload_expiresAt', columnNames: ['expiresAt'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('pending_upload');
  }
}
