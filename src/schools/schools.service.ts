import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { assertCanManageSchool, assertCanReadSchool } from '../auth/access';
import { AuthUser } from '../auth/auth-user';
import { ChangeLogService } from '../change-log/change-log.service';
import { fieldError } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { StaffMember } from '../staff/staff-member.entity';
import { CreateSchoolDto, SchoolDto, UpdateSchoolDto } from './school.dto';
import { DEFAULT_SETTINGS, School } from './school.entity';

@Injectable()
export class SchoolsService {
  constructor(
    @InjectRepository(School) private readonly schools: Repository<School>,
    private readonly transactions: TransactionService,
    private readonly changeLog: ChangeLogService,
  ) {}

  async findEntity(id: number): Promise<School> {
    const school = await this.schools.findOneBy({ id });
    if (!school) throw new NotFoundException(`No school with id ${id}`);
    return school;
  }

  async list(user: AuthUser): Promise<SchoolDto[]> {
    if (user.role === 'admin')
      return (await this.schools.find({ order: { id: 'ASC' } })).map((school) => this.toDto(school));
    assertCanReadSchool(user, user.schoolId ?? -1);
    return [this.toDto(await this.findEntity(user.schoolId!))];
  }

  async get(user: AuthUser, id: number): Promise<SchoolDto> {
    const school = await this.findEntity(id);
    assertCanReadSchool(user, id);
    return this.toDto(school);
  }

  async create(user: AuthUser, dto: CreateSchoolDto): Promise<SchoolDto> {
    if (dto.trainingCoordinatorId != null) {
      throw fieldError(
        'trainingCoordinatorId',
        'trainingCoordinatorId: a new school has no staff yet; set the coordinator after adding them',
      );
    }
    return this.transactions.run(async (manager) => {
      const school = await manager.save(
        manager.create(School, {
          ...dto,
          reminderOffsetsDays: dto.reminderOffsetsDays ?? [...DEFAULT_SETTINGS.reminderOffsetsDays],
        }),
      );
      await this.changeLog.record(manager, user, [
        { entity: 'school', entityId: school.id, schoolId: school.id, action: 'create', after: school },
      ]);
      return this.toDto(school);
    });
  }

  async update(user: AuthUser, id: number, dto: UpdateSchoolDto): Promise<SchoolDto> {
    const school = await this.findEntity(id);
    assertCanManageSchool(user, id);
    return this.transactions.run(async (manager) => {
      if (dto.trainingCoordinatorId != null) {
        const coordinator = await manager.findOneBy(StaffMember, { id: dto.trainingCoordinatorId, schoolId: id });
        if (!coordinator)
          throw fieldError(
            'trainingCoordinatorId',
            `trainingCoordinatorId: no staff member ${dto.trainingCoordinatorId} at this school`,
          );
      }
      const before = { ...school };
      const saved = await manager.save(Object.assign(school, dto));
      await this.changeLog.record(manager, user, [
        { entity: 'school', entityId: id, schoolId: id, action: 'update', before, after: saved },
      ]);
      return this.toDto(saved);
    });
  }

  private toDto(school: School): SchoolDto {
    return { ...school, governorsSeeNames: Boolean(school.governorsSeeNames) };
  }
}
