import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Revoked sign-in tokens (logout), and a record of each reminder run for the health check. */
export class Operations1764600000000 implements MigrationInterface {
  name = 'Operations1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'revoked_token',
        columns: [
          { name: 'jti', type: 'varchar', length: '64', isPrimary: true },
          { name: 'expiresAt', type: 'varchar', length: '30' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'reminder_run',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'startedAt', type: 'varchar', length: '30' },
          { name: 'finishedAt', type: 'varchar', length: '30' },
          { name: 'sent', type: 'integer' },
          { name: 'skipped', type: 'integer' },
          { name: 'failed', type: 'integer' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reminder_run');
    await queryRunner.dropTable('revoked_token');
  }
}
