import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { CompletionImportService } from './completion-import.service';
import {
  BulkCompletionDto,
  BulkResultDto,
  CompletionDto,
  CompletionQueryDto,
  CreateCompletionDto,
  ImportQueryDto,
  ImportResultDto,
  RejectCompletionDto,
} from './completion.dto';
import { CertificateUploadInterceptor } from './certificate-upload.interceptor';
import { CertificatesService } from './certificates.service';
import { CompletionReviewService } from './completion-review.service';
import { CompletionsService } from './completions.service';
import { ParseIdPipe } from '../common/validation/id';

@ApiTags('completions')
@ApiBearerAuth()
@Controller('api/completions')
export class CompletionsController {
  constructor(
    private readonly completions: CompletionsService,
    private readonly importer: CompletionImportService,
    private readonly review: CompletionReviewService,
    private readonly certificates: CertificatesService,
  ) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: CompletionQueryDto): Promise<CompletionDto[]> {
    return this.completions.list(user, query);
  }

  @Post()
  @Roles('admin', 'dsp', 'staff')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateCompletionDto): Promise<CompletionDto> {
    return this.completions.create(user, body);
  }

  /** One training session: the same course and date for many staff, all or none. */
  @Post('bulk')
  @Roles('admin', 'dsp')
  createSession(@CurrentUser() user: AuthUser, @Body() body: BulkCompletionDto): Promise<BulkResultDto> {
    return this.completions.createSession(user, body);
  }

  /** CSV with header email,course,completed_on,evidence; any bad row imports nothing. */
  @Post('import')
  @Roles('admin', 'dsp')
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example: 'email,course,completed_on,evidence\nann@school.test,Keeping safe online,2026-10-01,CERT-1',
    },
  })
  async import(
    @CurrentUser() user: AuthUser,
    @Body() csv: string,
    @Query() query: ImportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportResultDto> {
    const result = await this.importer.import(user, csv, query.dryRun ?? false);
    response.status(result.dryRun ? 200 : 201);
    return result;
  }

  /** A DSP's or admin's record is verified at once; a member of staff's own is pending until the DSP decides. */
  @Post(':id/verify')
  @Roles('admin', 'dsp')
  @HttpCode(200)
  verify(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('completion')) id: number,
  ): Promise<CompletionDto> {
    return this.review.verify(user, id);
  }

  @Post(':id/reject')
  @Roles('admin', 'dsp')
  @HttpCode(200)
  reject(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('completion')) id: number,
    @Body() body: RejectCompletionDto,
  ): Promise<CompletionDto> {
    return this.review.reject(user, id, body.reason);
  }

  /** Multipart field `file`: a PDF, PNG or JPEG of at most 5 MB, recognised from its bytes. */
  @Post(':id/certificate')
  @Roles('admin', 'dsp', 'staff')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(CertificateUploadInterceptor)
  uploadCertificate(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('completion')) id: number,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<CompletionDto> {
    return this.certificates.upload(user, id, file);
  }

  /** Governors never: a certificate is a personal document, whatever governorsSeeNames says. */
  @Get(':id/certificate')
  @Roles('admin', 'dsp', 'staff')
  @Header('Cache-Control', 'no-store')
  async downloadCertificate(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('completion')) id: number,
  ): Promise<StreamableFile> {
    const certificate = await this.certificates.download(user, id);
    return new StreamableFile(certificate.data, {
      type: certificate.contentType,
      disposition: `attachment; filename="${certificate.fileName}"`,
      length: certificate.size,
    });
  }

  @Delete(':id')
  @Roles('admin', 'dsp')
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('completion')) id: number,
  ): Promise<CompletionDto> {
    return this.completions.remove(user, id);
  }
}
