import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuthUser } from '../auth/auth-user';
import { ClockService } from '../clock/clock.service';
import { Change, ChangeAction } from './change.entity';
import { ChangeDto, ChangesQueryDto } from './change.dto';

export interface ChangeRecord {
  entity: string;
  entityId: number;
  schoolId: number | null;
  action: ChangeAction;
  before?: object | null;
  after?: object | null;
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
    // Chunked so a large import stays under the database's bound-parameter limit.
    for (let start = 0; start < rows.length; start += 500)
      await manager.insert(Change, rows.slice(start, start + 500) as QueryDeepPartialEntity<Change>[]);
  }

  async list(query: ChangesQueryDto, schoolId?: number): Promise<ChangeDto[]> {
    const where: FindOptionsWhere<Change> = schoolId === undefined ? {} : { schoolId };
    const rows = await this.changes.find({ where, order: { id: 'DESC' }, take: query.limit ?? 200 });
    return rows.map((row) => this.toDto(row));
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
