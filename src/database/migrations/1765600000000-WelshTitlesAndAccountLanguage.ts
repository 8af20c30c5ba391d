import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * A course's optional Welsh title (English is shown, marked as English, when it is
 * missing), and the language a signed-in person's pages use (null: the browser's).
 * Staff accounts follow their staff record's language instead.
 */
export class WelshTitlesAndAccountLanguage1765600000000 implements MigrationInterface {
  name = 'WelshTitlesAndAccountLanguage1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'course',
      new TableColumn({ name: 'titleCy', type: 'varchar', length: '200', isNullable: true }),
    );
    await queryRunner.addColumn(
      'app_user',
      new TableColumn({ name: 'language', type: 'varchar', length: '2', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('app_user', 'language');
    await queryRunner.dropColumn('course', 'titleCy');
  }
}
