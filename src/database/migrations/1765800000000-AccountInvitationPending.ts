import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether an account was invited and its owner has not yet chosen a password (from the
 * invitation, or from a reset link after it expired): the accounts page says "Invited",
 * and offers to send the invitation again, until then. Existing accounts count as pending
 * when they have never signed in and still have an invitation link; links expired and
 * purged before this version are not known, so those accounts read as active.
 * Plain ALTER TABLE: SQLite and PostgreSQL both add a column with a default in place.
 */
export class AccountInvitationPending1765800000000 implements MigrationInterface {
  name = 'AccountInvitationPending1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "app_user" ADD COLUMN "invitationPending" boolean NOT NULL DEFAULT false');
    await queryRunner.query(
      `UPDATE "app_user" SET "invitationPending" = true WHERE "lastSignInAt" IS NULL
         AND "id" IN (SELECT "userId" FROM "account_token" WHERE "purpose" = 'invite')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "app_user" DROP COLUMN "invitationPending"');
  }
}
