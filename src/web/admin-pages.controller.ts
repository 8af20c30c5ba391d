import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ComplianceService } from '../compliance/compliance.service';

/** Admins: every school's headline figures, each linking to its summary. */
@ApiExcludeController()
@Roles('admin')
@Controller('admin')
export class AdminPagesController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get()
  async rollup(@CurrentUser() user: AuthUser, @Res() response: Response): Promise<void> {
    response.render('pages/admin', { title: 'admin.title', user, schools: await this.compliance.rollup() });
  }
}
