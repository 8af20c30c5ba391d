import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ChangeAction } from './change.entity';

export class ChangesQueryDto {
  /** How many changes, newest first (default 200). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class ChangeDto {
  id: number;
  at: string;
  userId: number | null;
  schoolId: number | null;
  entity: string;
  entityId: number;
  action: ChangeAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
