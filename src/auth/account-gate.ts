import { User } from '../users/user.entity';

/**
 * What else, beyond its own `disabled` flag, may stop an account from signing in or
 * keeping a session: today, that the staff member it belongs to has left. Auth asks
 * this question but knows no domain module, so the answer is bound in from outside
 * (`AuthModule.forRoot`, given the accounts module's AccountStandingService).
 */
export abstract class AccountGate {
  abstract mayUse(user: Pick<User, 'staffId' | 'schoolId' | 'email'>): Promise<boolean>;
}
