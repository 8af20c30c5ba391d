import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The school MIS's own id for each staff member, so an MIS import finds the same
 * person after a change of email. Unique within a school; many members may have none.
 * Plain ALTER TABLE: SQLite and PostgreSQL both add a nullable column in place.
 */
export class StaffMisId1765500000000 implements MigrationInterface {
  name = 'StaffMisId1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "staff_member" ADD COLUMN "misId" varchar(50)');
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_staff_school_mis" ON "staff_member" ("schoolId", "misId")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "UQ_staff_school_mis"');
    await queryRunner.query('ALTER TABLE "staff_member" DROP COLUMN "misId"');
  }
}
