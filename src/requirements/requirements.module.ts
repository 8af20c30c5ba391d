import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChangeLogModule } from '../change-log/change-log.module';
import { SchoolsModule } from '../schools/schools.module';
import { RequirementsController } from './requirements.controller';
import { RequirementsService } from './requirements.service';
import { TrainingRequirement } from './training-requirement.entity';

@Module({
  imports: [TypeOrmModule.forFeature([TrainingRequirement]), SchoolsModule, ChangeLogModule],
  controllers: [RequirementsController],
  providers: [RequirementsService],
  exports: [RequirementsService],
})
export class RequirementsModule {}
