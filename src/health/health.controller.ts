import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';

export class HealthDto {
  status: 'ok';
}

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  @Public()
  @Get()
  check(): HealthDto {
    return { status: 'ok' };
  }
}
