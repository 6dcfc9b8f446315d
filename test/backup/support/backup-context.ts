import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { BackupModule } from '@app/backup';
import { AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { RedisModule } from '@app/redis';
import { testConfig } from '../../support/test-config';

class BackupTestRoot {}

/** BackupModule in-process as the apps compose it; `schedule` adds ScheduleModule like the API does. */
export function backupContext(env: Record<string, string>, options: { schedule?: boolean } = {}): Promise<INestApplicationContext> {
  const config = testConfig(env);
  const imports = [
    AppConfigModule.forRoot(config),
    DatabaseModule,
    RedisModule,
    ...(options.schedule ? [ScheduleModule.forRoot()] : []),
    BackupModule,
  ];
  return NestFactory.createApplicationContext({ module: BackupTestRoot, imports }, { logger: ['error', 'warn'] });
}
