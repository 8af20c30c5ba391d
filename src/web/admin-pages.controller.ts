import { Get, Render } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ComplianceService } from '../compliance/compliance.service';
import { PageController } from './page-controller.decorator';

/** Admins: every school's headline figures, each linking to its summary. */
@Roles('admin')
@PageController('admin')
export class AdminPagesController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get()
  @Render('pages/admin')
  async rollup(@CurrentUser() user: AuthUser) {
    return { title: 'admin.title', user, schools: await this.compliance.rollup() };
  }
}
