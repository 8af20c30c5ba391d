import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Accounts that can be switched off: a disabled flag, the last sign-in, and a token
 * version that, when raised, refuses every token issued before; plus the hashed
 * single-use links of invitations and password resets.
 */
export class Accounts1765000000000 implements MigrationInterface {
  name = 'Accounts1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('app_user', [
      new TableColumn({ name: 'disabled', type: 'boolean', default: false }),
      new TableColumn({ name: 'lastSignInAt', type: 'varchar', length: '30', isNullable: true }),
      new TableColumn({ name: 'tokenVersion', type: 'integer', default: 0 }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'account_token',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'userId', type: 'integer' },
          { name: 'purpose', type: 'varchar', length: '10' },
          { name: 'tokenHash', type: 'varchar', length: '64' },
          { name: 'expiresAt', type: 'varchar', length: '30' },
          { name: 'createdAt', type: 'varchar', length: '30' },
        ],
        uniques: [{ name: 'UQ_account_token_hash', columnNames: ['tokenHash'] }],
        indices: [{ name: 'IDX_account_token_user', columnNames: ['userId'] }],
        foreignKeys: [
          {
            columnNames: ['userId'],
            referencedTableName: 'app_user',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await queryRunner.createIndex(
      'revoked_token',
      new TableIndex({ name: 'IDX_revoked_token_expires', columnNames: ['expiresAt'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('revoked_token', 'IDX_revoked_token_expires');
    await queryRunner.dropTable('account_token');
    for (const column of ['tokenVersion', 'lastSignInAt', 'disabled']) await queryRunner.dropColumn('app_user', column);
  }
}
