import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Change } from './change.entity';
import { ChangeLogController } from './change-log.controller';
import { ChangeLogService } from './change-log.service';

/** Below every domain module: each imports it to record its changes; it imports none of them. */
@Module({
  imports: [TypeOrmModule.forFeature([Change])],
  controllers: [ChangeLogController],
  providers: [ChangeLogService],
  exports: [ChangeLogService],
})
export class ChangeLogModule {}
