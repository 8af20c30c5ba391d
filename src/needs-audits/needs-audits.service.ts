import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, In, Repository } from 'typeorm';
import { assertCanManageSchool } from '../auth/access';
import { AuthUser } from '../auth/auth-user';
import { ChangeLogService } from '../change-log/change-log.service';
import { ClockService } from '../clock/clock.service';
import { fieldError } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { StaffService } from '../staff/staff.service';
import { CreateNeedsAuditDto, NeedsAuditDto, NeedsAuditQueryDto } from './needs-audit.dto';
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
    let where: FindOptionsWhere<NeedsAudit>;
    if (query.staffId !== undefined) {
      await this.staffService.findReadable(user, query.staffId);
      where = { staffId: query.staffId };
    } else if (user.role === 'staff') {
      where = { staffId: user.staffId ?? -1 };
    } else {
      const staff = await this.staffService.list(user, {});
      where = { staffId: In(staff.map((member) => member.id)) };
    }
    return (await this.audits.find({ where, order: { auditedOn: 'DESC', id: 'DESC' } })).map((audit) =>
      this.toDto(audit),
    );
  }

  async create(user: AuthUser, dto: CreateNeedsAuditDto): Promise<NeedsAuditDto> {
    const [staff] = await this.staffService.findMany([dto.staffId]);
    if (!staff) throw fieldError('staffId', `staffId: no staff member with id ${dto.staffId}`);
    assertCanManageSchool(user, staff.schoolId);
    if (dto.auditedOn > this.clock.today()) throw fieldError('auditedOn', `auditedOn ${dto.auditedOn} is after today`);
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

  private toDto(audit: NeedsAudit): NeedsAuditDto {
    return { ...audit };
  }
}
