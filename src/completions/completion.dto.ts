import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { IsDay } from '../common/validation/is-day.decorator';
import { Verification, VERIFICATIONS } from './completion.entity';
import { IsId } from '../common/validation/id';

export class CreateCompletionDto {
  @IsId()
  staffId: number;

  @IsId()
  courseId: number;

  @IsDay()
  completedOn: string;

  /** Certificate reference or a note. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  evidence?: string | null;

  /** Training from a previous employer: dated before the start date, with evidence. */
  @IsOptional()
  @IsBoolean()
  prior?: boolean;
}

/** One training session attended by many staff. */
export class BulkCompletionDto {
  @IsId()
  courseId: number;

  @IsDay()
  completedOn: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(2000)
  @IsId({ each: true })
  staffIds: number[];

  @IsOptional()
  @IsString()
  @MaxLength(500)
  evidence?: string | null;
}

export class CompletionQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsId()
  staffId?: number;

  @IsOptional()
  @Type(() => Number)
  @IsId()
  schoolId?: number;

  /** `pending` is the DSP's "to verify" list. */
  @IsOptional()
  @IsIn(VERIFICATIONS)
  verification?: Verification;
}

export class RejectCompletionDto {
  /** Told to the member in the rejection email. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty({ message: 'reason is required: tell the member why' })
  @MaxLength(500)
  reason: string;
}

export class ImportQueryDto {
  /** Check every row and report, saving nothing. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
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
  verification: Verification;
  prior: boolean;
  rejectionReason: string | null;
  verifiedById: number | null;
  verifiedAt: string | null;
  /** Whether a certificate file is stored (GET /api/completions/:id/certificate). */
  hasCertificate: boolean;
}

export class BulkResultDto {
  created: number;
  completions: CompletionDto[];
}

/** One thing wrong with a row: `code` names it for translation, `params` fill its message. */
export class RowProblemDto {
  code: string;
  params: Record<string, string | number>;
}

export class ImportRowErrorDto {
  line: number;
  message: string;
  problems: RowProblemDto[];
}

export class ImportResultDto {
  dryRun: boolean;
  rows: number;
  imported: number;
  errors: ImportRowErrorDto[];
}
