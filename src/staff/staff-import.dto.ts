import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsId } from '../common/validation/id';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class StaffImportQueryDto {
  /** The school whose staff list this is; a DSP's own school when left out. */
  @IsOptional()
  @Type(() => Number)
  @IsId()
  schoolId?: number;

  /** Check every row and report, saving nothing. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;

  /** Active members of the school absent from the file leave today. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  markMissingAsLeavers?: boolean;
}

export class StaffImportErrorDto {
  line: number;
  field: string;
  message: string;
}

export class StaffImportLeaverDto {
  id: number;
  name: string;
}

export class StaffImportResultDto {
  created: number;
  updated: number;
  unchanged: number;
  leavers: StaffImportLeaverDto[];
  errors: StaffImportErrorDto[];
}
