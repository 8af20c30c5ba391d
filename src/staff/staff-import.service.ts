import { BadRequestException, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { scopeFor } from '../auth/scope';
import { ChangeLogService, ChangeRecord } from '../change-log/change-log.service';
import { ClockService } from '../clock/clock.service';
import { fieldError } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { SchoolsService } from '../schools/schools.service';
import { MisFileError, readMisCsv } from './mis-csv';
import { planStaffImport, StaffImportPlan } from './staff-import-plan';
import { StaffImportQueryDto, StaffImportResultDto } from './staff-import.dto';
import { StaffMember } from './staff-member.entity';

export interface StaffImportRequest {
  schoolId?: number;
  markMissingAsLeavers?: boolean;
}

/** The school's staff list from its MIS export: every row checked, then all saved or none. */
@Injectable()
export class StaffImportService {
  constructor(
    private readonly schools: SchoolsService,
    private readonly transactions: TransactionService,
    private readonly changeLog: ChangeLogService,
    private readonly clock: ClockService,
  ) {}

  /** What the file would do, saving nothing: the page's preview and the API's dry run. */
  async check(user: AuthUser, request: StaffImportRequest, csv: unknown): Promise<StaffImportPlan> {
    const schoolId = await this.schoolInScope(user, request.schoolId);
    return this.transactions.run((manager) => this.plan(manager, schoolId, csv, request.markMissingAsLeavers));
  }

  async import(user: AuthUser, query: StaffImportQueryDto, csv: unknown): Promise<StaffImportResultDto> {
    if (query.dryRun) return this.report(await this.check(user, query, csv));
    return (await this.importWith(user, query, csv, () => Promise.resolve())).result;
  }

  /**
   * Saves the file, and runs `alsoWithin` in the same transaction with the members it
   * created (e.g. their accounts), so both are saved or neither is.
   */
  async importWith<T>(
    user: AuthUser,
    request: StaffImportRequest,
    csv: unknown,
    alsoWithin: (manager: EntityManager, created: StaffMember[]) => Promise<T>,
  ): Promise<{ result: StaffImportResultDto; also: T }> {
    const schoolId = await this.schoolInScope(user, request.schoolId);
    // Checked inside the transaction that saves, so nothing can change between check and save.
    return this.transactions.run(async (manager) => {
      const plan = await this.plan(manager, schoolId, csv, request.markMissingAsLeavers);
      const result = this.report(plan);
      const created = await this.apply(manager, user, schoolId, plan);
      return { result, also: await alsoWithin(manager, created) };
    });
  }

  /** The API's answer: counts and leavers, or a 400 listing every bad row. */
  report(plan: StaffImportPlan): StaffImportResultDto {
    const result = {
      created: plan.created.length,
      updated: plan.updated.length,
      unchanged: plan.unchanged.length,
      leavers: plan.leavers.map((member) => ({ id: member.id, name: member.name })),
      // The API's rows keep their published shape, {line, field, message}; pages read the codes from the plan.
      errors: plan.errors.map(({ line, field, message }) => ({ line, field, message })),
    };
    if (plan.errors.length === 0) return result;
    const count = plan.errors.length;
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: `${count} problem${count === 1 ? '' : 's'} in the file: nothing was saved`,
      ...result,
    });
  }

  private async schoolInScope(user: AuthUser, requested: number | undefined): Promise<number> {
    const { schoolId } = scopeFor(user, {
      kind: 'people',
      intent: 'write',
      schoolId: requested,
      notFound: `No school with id ${requested}`,
    });
    // Only an admin's scope spans schools: they must say which one.
    if (schoolId === undefined) throw fieldError('schoolId', 'schoolId is required');
    await this.schools.findEntity(schoolId);
    return schoolId;
  }

  private async plan(
    manager: EntityManager,
    schoolId: number,
    csv: unknown,
    markMissingAsLeavers = false,
  ): Promise<StaffImportPlan> {
    if (typeof csv !== 'string' || csv.trim() === '')
      throw fieldError('file', 'Send the CSV as the request body with Content-Type: text/csv');
    let read: ReturnType<typeof readMisCsv>;
    try {
      read = readMisCsv(csv, this.clock.today());
    } catch (error) {
      if (error instanceof MisFileError)
        return { created: [], updated: [], unchanged: [], leavers: [], errors: error.errors };
      throw error;
    }
    const schoolStaff = await manager.find(StaffMember, { where: { schoolId }, order: { id: 'ASC' } });
    const plan = planStaffImport({
      rows: read.rows,
      schoolStaff,
      markMissingAsLeavers,
      today: this.clock.today(),
    });
    plan.errors = [...read.errors, ...plan.errors].sort((a, b) => a.line - b.line);
    return plan;
  }

  /** Saves the plan; answers the members it created. */
  private async apply(
    manager: EntityManager,
    user: AuthUser,
    schoolId: number,
    plan: StaffImportPlan,
  ): Promise<StaffMember[]> {
    const changes: ChangeRecord[] = [];
    const created: StaffMember[] = [];
    for (const { values } of plan.created) {
      const member = await manager.save(manager.create(StaffMember, { ...values, schoolId }));
      created.push(member);
      changes.push({ entity: 'staff', entityId: member.id, schoolId, action: 'create', after: member });
    }
    for (const { member, changes: fields } of plan.updated) {
      const before = { ...member };
      for (const change of fields) Object.assign(member, { [change.field]: change.after });
      changes.push({
        entity: 'staff',
        entityId: member.id,
        schoolId,
        action: 'update',
        before,
        after: await manager.save(member),
      });
    }
    const today = this.clock.today();
    for (const member of plan.leavers) {
      const before = { ...member };
      member.leftOn = today;
      changes.push({
        entity: 'staff',
        entityId: member.id,
        schoolId,
        action: 'update',
        before,
        after: await manager.save(member),
      });
    }
    await this.changeLog.record(manager, user, changes);
    return created;
  }
}
