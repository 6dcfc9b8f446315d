import { Module } from '@nestjs/common';
import { BackupModule } from '../backup.module';
import { AdminBackupsController } from './admin-backups.controller';
import { AdminBackupsService } from './admin-backups.service';

/** /admin/backups (API app only); restore is deliberately not offered over HTTP. */
@Module({
  imports: [BackupModule],
  controllers: [AdminBackupsController],
  providers: [AdminBackupsService],
})
export class BackupHttpModule {}
