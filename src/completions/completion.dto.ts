import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { IsDay } from '../common/validation/is-day.decorator';

export class CreateCompletionDto {
  @IsInt()
  staffId: number;

  @IsInt()
  courseId: number;

  @IsDay()
  completedOn: string;

  /** Certificate reference or a note. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  evidence?: string | null;
}

/** One training session attended by many staff. */
export class BulkCompletionDto {
  @IsInt()
  courseId: number;

  @IsDay()
  completedOn: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(2000)
  @IsInt({ each: true })
  staffIds: number[];

  @IsOptional()
  @IsString()
  @MaxLength(500)
  evidence?: string | null;
}

export class CompletionQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  staffId?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  schoolId?: number;
}

export class ImportQueryDto {
  /** Check every row and report, saving nothing. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun?: boolean;
}

export class CompletionDto {
  id: number;
  staffId: number;
  courseId: number;
  courseTitle: string;
  completedOn: string;
  expiresOn: string;
  evidence: string | null;
  recordedById: number | null;
  recordedAt: string;
}

export class BulkResultDto {
  created: number;
  completions: CompletionDto[];
}

export class ImportRowErrorDto {
  line: number;
  message: string;
}

export class ImportResultDto {
  dryRun: boolean;
  rows: number;
  imported: number;
  errors: ImportRowErrorDto[];
}
