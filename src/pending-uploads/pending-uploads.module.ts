import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PendingUpload } from './pending-upload.entity';
import { PendingUploadsService } from './pending-uploads.service';

@Module({
  imports: [TypeOrmModule.forFeature([PendingUpload])],
  providers: [PendingUploadsService],
  exports: [PendingUploadsService],
})
export class PendingUploadsModule {}
