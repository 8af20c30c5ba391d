import { Get, Query, Render } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { Language } from '../common/language';
import { CurrentUser, Roles } from '../auth/decorators';
import { ChangeLogService } from '../change-log/change-log.service';
import { CoursesService } from '../courses/courses.service';
import { StaffService } from '../staff/staff.service';
import { User } from '../users/user.entity';
import { changeRow } from './change-log-view';
import { toInt } from './forms';
import { PageLanguage } from './page-language.decorator';
import { PageController } from './page-controller.decorator';

/** The school's change log for its DSP: who changed what, newest first, optionally about one member. */
@Roles('dsp')
@PageController('changes')
export class ChangeLogPagesController {
  constructor(
    private readonly changeLog: ChangeLogService,
    private readonly staff: StaffService,
    private readonly courses: CoursesService,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  @Get()
  @Render('pages/changes')
  async list(
    @CurrentUser() user: AuthUser,
    @Query('staffId') staffId: string | undefined,
    @PageLanguage() language: Language,
  ) {
    const schoolId = user.schoolId!;
    // Leavers stay in the filter: their history is kept.
    const members = await this.staff.list(user, {});
    const selected = members.find((member) => member.id === toInt(staffId))?.id ?? null;
    const changes =
      selected === null
        ? await this.changeLog.list({ limit: 200 }, schoolId)
        : await this.changeLog.listAboutStaff(schoolId, selected);
    const userIds = [...new Set(changes.map((change) => change.userId).filter((id): id is number => id !== null))];
    const actors = userIds.length
      ? await this.users.find({ where: { id: In(userIds) }, select: { id: true, email: true } })
      : [];
    const names = {
      staff: new Map(members.map((member) => [member.id, member.name])),
      courses: new Map(
        (await this.courses.list(user, {})).map((course) => [
          course.id,
          { title: course.title, titleCy: course.titleCy },
        ]),
      ),
      users: new Map(actors.map((actor) => [actor.id, actor.email])),
    };
    return {
      title: 'changes.title',
      user,
      members,
      selected,
      changes: changes.map((change) => changeRow(change, names, language)),
    };
  }
}
