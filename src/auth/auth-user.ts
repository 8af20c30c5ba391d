import { Role } from '../users/user.entity';

/** Who is calling: attached to the request by the auth guard. */
export interface AuthUser {
  id: number;
  email: string;
  role: Role;
  schoolId: number | null;
  staffId: number | null;
}
