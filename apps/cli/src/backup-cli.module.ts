import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule } from '@app/config';
import { BackupModule } from '@app/backup';
import { LoggingModule } from '@app/logging';
import { RedisModule } from '@app/redis';

/** What the backup commands need: no HTTP, no in-process scheduler, no Prisma (see BackupRecordsService). */
@Module({})
export class BackupCliModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: BackupCliModule,
      imports: [AppConfigModule.forRoot(config), LoggingModule, RedisModule, BackupModule],
    };
  }
}
