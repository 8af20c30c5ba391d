import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey } from 'typeorm';

/**
 * The training matrix: each school's requirements, seeded with the guidance's five
 * defaults for every school there is; staff roles that requirements are aimed at;
 * the school's expiry basis; per-requirement figures in the daily snapshots.
 * The defaults are written out here, not imported, so that this migration does
 * the same thing whatever the code later holds.
 */
const DEFAULTS: [string, string, string, string, string, number | null, boolean, boolean][] = [
  // code, title (en), title (cy), audience, topics, refresh months, follows annual refresh, induction
  ['online-safety', 'Online safety', 'Diogelwch ar-lein', '"all-staff"', '["online-safety"]', null, true, true],
  [
    'osh-response',
    'Responding to online sexual harassment',
    'Ymateb i aflonyddu rhywiol ar-lein',
    '"all-staff"',
    '["osh-response"]',
    null,
    true,
    true,
  ],
  [
    'safeguarding',
    'Safeguarding, including online safety',
    'Diogelu, gan gynnwys diogelwch ar-lein',
    '"all-staff"',
    '["safeguarding"]',
    null,
    true,
    false,
  ],
  [
    'dsp-advanced',
    'DSP advanced training',
    'Hyfforddiant uwch y person diogelu dynodedig',
    '"dsp-and-deputies"',
    '["dsp-advanced"]',
    null,
    false,
    false,
  ],
  [
    'filtering-monitoring',
    'Filtering and monitoring',
    'Hidlo a monitro',
    '["filtering-lead","senior-leader"]',
    '["filtering-monitoring"]',
    null,
    true,
    false,
  ],
];

const literal = (value: string | number | boolean | null): string => {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
};

export class TrainingRequirements1765300000000 implements MigrationInterface {
  name = 'TrainingRequirements1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'training_requirement',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'schoolId', type: 'integer' },
          { name: 'code', type: 'varchar', length: '40' },
          { name: 'titleEn', type: 'varchar', length: '200' },
          { name: 'titleCy', type: 'varchar', length: '200' },
          { name: 'audience', type: 'text' },
          { name: 'topics', type: 'text' },
          { name: 'refreshMonths', type: 'integer', isNullable: true },
          { name: 'followsAnnualRefresh', type: 'boolean', default: false },
          { name: 'induction', type: 'boolean', default: false },
        ],
        uniques: [{ name: 'UQ_requirement_school_code', columnNames: ['schoolId', 'code'] }],
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
    for (const row of DEFAULTS) {
      await queryRunner.query(
        `INSERT INTO training_requirement
           ("schoolId", "code", "titleEn", "titleCy", "audience", "topics", "refreshMonths",
            "followsAnnualRefresh", "induction")
         SELECT id, ${row.map(literal).join(', ')} FROM school`,
      );
    }
    await queryRunner.addColumns('staff_member', [
      new TableColumn({ name: 'seniorLeader', type: 'boolean', default: false }),
      new TableColumn({ name: 'filteringLead', type: 'boolean', default: false }),
    ]);
    await queryRunner.addColumns('school', [
      new TableColumn({ name: 'expiryBasis', type: 'varchar', length: '20', default: "'rolling'" }),
      new TableColumn({ name: 'academicYearGraceDays', type: 'integer', default: 30 }),
    ]);
    await queryRunner.addColumn(
      'compliance_snapshot',
      new TableColumn({ name: 'requirements', type: 'text', isNullable: true }),
    );
    // A reminder's training is now a requirement's code (SQLite does not enforce varchar lengths).
    if (queryRunner.connection.options.type === 'postgres')
      await queryRunner.query('ALTER TABLE reminder ALTER COLUMN training TYPE varchar(60)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('compliance_snapshot', 'requirements');
    await queryRunner.dropColumns('school', ['expiryBasis', 'academicYearGraceDays']);
    await queryRunner.dropColumns('staff_member', ['seniorLeader', 'filteringLead']);
    await queryRunner.dropTable('training_requirement');
  }
}
