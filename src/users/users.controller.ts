import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { CreateUserDto, InviteUserDto, UpdateUserDto, UserDto, UsersQueryDto } from './user.dto';
import { InvitationsService } from './invitations.service';
import { UsersService } from './users.service';
import { ParseIdPipe } from '../common/validation/id';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @Roles('admin', 'dsp')
  list(@CurrentUser() user: AuthUser, @Query() query: UsersQueryDto): Promise<UserDto[]> {
    return this.users.list(user, query);
  }

  @Post()
  @Roles('admin', 'dsp')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(user, body);
  }

  /** Creates the account and emails a single-use link (valid 7 days) to choose its password. */
  @Post('invite')
  @Roles('admin', 'dsp')
  invite(@CurrentUser() user: AuthUser, @Body() body: InviteUserDto): Promise<UserDto> {
    return this.invitations.invite(user, body);
  }

  @Patch(':id')
  @Roles('admin', 'dsp')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('user')) id: number,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(user, id, body);
  }

  /**
   * Sends the invitation again (an account not yet accepted): a new single-use link, valid
   * 7 days; the earlier one stops working. 409 once accepted, or when it could not sign in.
   */
  @Post(':id/resend-invitation')
  @Roles('admin', 'dsp')
  @HttpCode(204)
  resendInvitation(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe('user')) id: number): Promise<void> {
    return this.invitations.resend(user, id);
  }

  /** Forgets the account's failed sign-ins, so it is no longer slowed down. */
  @Post(':id/clear-failures')
  @Roles('admin')
  @HttpCode(204)
  clearFailures(@Param('id', new ParseIdPipe('user')) id: number): Promise<void> {
    return this.users.clearFailures(id);
  }
}
