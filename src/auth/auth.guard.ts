import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { Role } from '../users/user.entity';
import { AuthService } from './auth.service';
import { bearerToken } from './bearer-token';
import { SESSION_COOKIE } from './session-cookie';
import { IS_PUBLIC, ROLES } from './decorators';

/**
 * The API takes only a bearer token; pages take the session cookie. The cookie is
 * never accepted by the API, so a forged cross-site request cannot use it there.
 */
function tokenOf(request: Request): string | null {
  if (!request.path.startsWith('/api')) return (request.cookies?.[SESSION_COOKIE] as string | undefined) ?? null;
  return bearerToken(request.headers.authorization);
}

/** Every route needs a signed-in user unless marked @Public(); @Roles narrows it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: unknown }>();
    const token = tokenOf(request);
    const user = token ? await this.auth.userForToken(token) : null;
    if (!user) throw new UnauthorizedException('Sign in first: send Authorization: Bearer TOKEN');
    request.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) throw new ForbiddenException(`This needs the role ${roles.join(' or ')}`);
    return true;
  }
}
