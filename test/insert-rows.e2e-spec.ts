import { Change } from '../src/change-log/change.entity';
import { ROWS_PER_STATEMENT } from '../src/common/chunks';
import { insertRows } from '../src/database/insert-rows';
import { createTestApp, TestApp } from './utils/create-test-app';

describe(insertRows.name, () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  const buildChange = (entityId: number, after: Record<string, unknown> | null): Change =>
    testApp.dataSource.manager.create(Change, {
      at: '2026-11-27T10:00:00.000Z',
      userId: null,
      schoolId: null,
      entity: 'insert-rows-test',
      entityId,
      action: 'create',
      before: null,
      after,
    });

  it('writes rows over several statements and gives each row its own id', async () => {
    // Not in id order, so a row given its neighbour's id is caught.
    const entityIds = Array.from({ length: 2 * ROWS_PER_STATEMENT + 1 }, (_, index) => (index * 7919) % 100_003);
    const rows = entityIds.map((entityId) => buildChange(entityId, { entityId, text: `row ${entityId}` }));
    await testApp.dataSource.transaction((manager) => insertRows(manager, Change, rows));

    const stored = await testApp.dataSource.getRepository(Change).findBy({ entity: 'insert-rows-test' });
    expect(stored).toHaveLength(rows.length);
    const byId = new Map(stored.map((row) => [row.id, row]));
    for (const row of rows) {
      expect(byId.get(row.id)).toEqual(
        expect.objectContaining({
          entityId: row.entityId,
          after: { entityId: row.entityId, text: `row ${row.entityId}` },
        }),
      );
    }
  });

  it('refuses a row with a column left unset, and the transaction writes nothing', async () => {
    const repository = testApp.dataSource.getRepository(Change);
    const before = await repository.count();
    const unset = buildChange(1, null);
    delete (unset as Partial<Change>).action;
    // The first statement's rows are written before the second statement finds the unset column.
    const rows = [...Array.from({ length: ROWS_PER_STATEMENT }, (_, index) => buildChange(index, null)), unset];
    await expect(testApp.dataSource.transaction((manager) => insertRows(manager, Change, rows))).rejects.toThrow(
      'change_log.action is not set',
    );
    await expect(repository.count()).resolves.toBe(before);
  });
});
