import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SchoolsModule } from '../schools/schools.module';
import { Change } from './change.entity';
import { ChangeLogController } from './change-log.controller';
import { ChangeLogService } from './change-log.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Change]), SchoolsModule],
  controllers: [ChangeLogController],
  providers: [ChangeLogService],
  exports: [ChangeLogService],
})
export class ChangeLogModule {}
