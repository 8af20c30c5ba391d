import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, In, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { ChangeLogService } from '../change-log/change-log.service';
import { ClockService } from '../clock/clock.service';
import { problem, refusal } from '../common/errors/field-errors';
import { assertDaysInRange } from '../common/validation/day-range';
import { TransactionService } from '../common/transaction.service';
import { StaffService } from '../staff/staff.service';
import { CreateNeedsAuditDto, CreateNeedsAuditsDto, NeedsAuditDto, NeedsAuditQueryDto } from './needs-audit.dto';
import { NeedsAudit } from './needs-audit.entity';

@Injectable()
export class NeedsAuditsService {
  constructor(
    @InjectRepository(NeedsAudit) private readonly audits: Repository<NeedsAudit>,
    private readonly staffService: StaffService,
    private readonly transactions: TransactionService,
    private readonly changeLog: ChangeLogService,
    private readonly clock: ClockService,
  ) {}

  async list(user: AuthUser, query: NeedsAuditQueryDto): Promise<NeedsAuditDto[]> {
    const where = await this.readableScope(user, query);
    const audits = await this.audits.find({ where, order: { auditedOn: 'DESC', id: 'DESC' } });
    return audits.map((audit) => this.toDto(audit));
  }

  async create(user: AuthUser, dto: CreateNeedsAuditDto): Promise<NeedsAuditDto> {
    const [staff] = await this.staffService.findForBody(user, 'staffId', [dto.staffId]);
    assertDaysInRange(this.clock.today(), [['auditedOn', dto.auditedOn, 'past']]);
    return this.transactions.run(async (manager) => {
      const audit = await manager.save(
        manager.create(NeedsAudit, {
          staffId: staff.id,
          auditedOn: dto.auditedOn,
          auditedById: user.id,
          needs: dto.needs.map((need) => ({ topic: need.topic, note: need.note ?? null })),
          recordedAt: this.clock.now().toISOString(),
        }),
      );
      await this.changeLog.record(manager, user, [
        { entity: 'needs-audit', entityId: audit.id, schoolId: staff.schoolId, action: 'create', after: audit },
      ]);
      return this.toDto(audit);
    });
  }

  /** One audit per member on the same day, in one transaction: all are saved or none. */
  async createMany(user: AuthUser, dto: CreateNeedsAuditsDto): Promise<NeedsAuditDto[]> {
    const ids = dto.audits.map((audit) => audit.staffId);
    if (new Set(ids).size !== ids.length)
      throw refusal(problem('audits', 'audit-member-repeated', {}, 'audits: a member appears more than once'));
    const members = await this.staffService.findForBody(user, 'audits', ids);
    const staff = new Map(members.map((member) => [member.id, member]));
    assertDaysInRange(this.clock.today(), [['auditedOn', dto.auditedOn, 'past']]);
    const recordedAt = this.clock.now().toISOString();
    return this.transactions.run(async (manager) => {
      const audits = await manager.save(
        dto.audits.map((audit) =>
          manager.create(NeedsAudit, {
            staffId: audit.staffId,
            auditedOn: dto.auditedOn,
            auditedById: user.id,
            needs: audit.needs.map((need) => ({ topic: need.topic, note: need.note ?? null })),
            recordedAt,
          }),
        ),
      );
      await this.changeLog.record(
        manager,
        user,
        audits.map((audit) => ({
          entity: 'needs-audit',
          entityId: audit.id,
          schoolId: staff.get(audit.staffId)!.schoolId,
          action: 'create' as const,
          after: audit,
        })),
      );
      return audits.map((audit) => this.toDto(audit));
    });
  }

  private async readableScope(user: AuthUser, query: NeedsAuditQueryDto): Promise<FindOptionsWhere<NeedsAudit>> {
    if (query.staffId !== undefined) {
      await this.staffService.findInScope(user, query.staffId, 'read');
      return { staffId: query.staffId };
    }
    const scope = await this.staffService.readScope(user);
    if (scope.staffId !== undefined) return { staffId: scope.staffId };
    if (scope.schoolId === undefined) return {};
    return { staffId: In(await this.staffService.idsInSchool(scope.schoolId)) };
  }

  private toDto(audit: NeedsAudit): NeedsAuditDto {
    return {
      id: audit.id,
      staffId: audit.staffId,
      auditedOn: audit.auditedOn,
      auditedById: audit.auditedById,
      needs: audit.needs.map((need) => ({ topic: need.topic, note: need.note })),
      recordedAt: audit.recordedAt,
    };
  }
}
