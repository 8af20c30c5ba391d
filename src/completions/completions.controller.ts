import { Body, Controller, Delete, Get, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
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
} from './completion.dto';
import { CompletionsService } from './completions.service';

@ApiTags('completions')
@ApiBearerAuth()
@Controller('api/completions')
export class CompletionsController {
  constructor(
    private readonly completions: CompletionsService,
    private readonly importer: CompletionImportService,
  ) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: CompletionQueryDto): Promise<CompletionDto[]> {
    return this.completions.list(user, query);
  }

  @Post()
  @Roles('admin', 'dsp')
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

  @Delete(':id')
  @Roles('admin', 'dsp')
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number): Promise<CompletionDto> {
    return this.completions.remove(user, id);
  }
}
