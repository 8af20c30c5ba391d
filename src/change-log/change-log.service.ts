import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, LessThan, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { ClockService } from '../clock/clock.service';
import { Change, ChangeAction } from './change.entity';
import { ChangeDto, ChangesQueryDto } from './change.dto';
import { insertRows } from '../database/insert-rows';

export interface ChangeRecord {
  entity: string;
  entityId: number;
  schoolId: number | null;
  action: ChangeAction;
  before?: object | null;
  after?: object | null;
}

function isAboutStaff(row: Change, staffId: number): boolean {
  if (row.entity === 'staff') return row.entityId === staffId;
  return row.before?.staffId === staffId || row.after?.staffId === staffId;
}

@Injectable()
export class ChangeLogService {
  constructor(
    @InjectRepository(Change) private readonly changes: Repository<Change>,
    private readonly clock: ClockService,
  ) {}

  /** Written in the same transaction as the change itself, so neither exists without the other. */
  async record(manager: EntityManager, actor: AuthUser | null, records: ChangeRecord[]): Promise<void> {
    if (records.length === 0) return;
    const at = this.clock.now().toISOString();
    const rows = records.map((record) =>
      manager.create(Change, {
        at,
        userId: actor?.id ?? null,
        schoolId: record.schoolId,
        entity: record.entity,
        entityId: record.entityId,
        action: record.action,
        before: (record.before as Record<string, unknown>) ?? null,
        after: (record.after as Record<string, unknown>) ?? null,
      }),
    );
    await insertRows(manager, Change, rows);
  }

  async list(query: ChangesQueryDto, schoolId?: number): Promise<ChangeDto[]> {
    const where: FindOptionsWhere<Change> = schoolId === undefined ? {} : { schoolId };
    const rows = await this.changes.find({ where, order: { id: 'DESC' }, take: query.limit ?? 200 });
    return rows.map((row) => this.toDto(row));
  }

  /**
   * The school's changes about one member, newest first: their own record, and the
   * completions and audits that name them. Read in pages of 500 because the member is
   * inside the stored JSON, which neither database can index portably.
   */
  async listAboutStaff(schoolId: number, staffId: number, limit = 200): Promise<ChangeDto[]> {
    const found: ChangeDto[] = [];
    let olderThan: number | undefined;
    for (;;) {
      const where: FindOptionsWhere<Change> =
        olderThan === undefined ? { schoolId } : { schoolId, id: LessThan(olderThan) };
      const rows = await this.changes.find({ where, order: { id: 'DESC' }, take: 500 });
      found.push(...rows.filter((row) => isAboutStaff(row, staffId)).map((row) => this.toDto(row)));
      if (rows.length < 500 || found.length >= limit) return found.slice(0, limit);
      olderThan = rows[rows.length - 1].id;
    }
  }

  private toDto(row: Change): ChangeDto {
    return {
      id: row.id,
      at: row.at,
      userId: row.userId,
      schoolId: row.schoolId,
      entity: row.entity,
      entityId: row.entityId,
      action: row.action,
      before: row.before,
      after: row.after,
    };
  }
}
