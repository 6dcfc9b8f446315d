import { IsOptional, IsString } from 'class-validator';
import { EnvBoolean, EnvInt } from './env-decorators';

export class BackupEnv {
  @EnvBoolean()
  BACKUP_ENABLED = true;

  @IsString()
  BACKUP_CRON = '0 2 * * *';

  @IsString()
  BACKUP_DIR = './backups';

  @EnvInt(1, 3650)
  BACKUP_RETENTION_DAYS = 30;

  @IsOptional() @IsString() S3_ENDPOINT?: string;
  @IsString() S3_REGION = 'us-east-1';
  @IsOptional() @IsString() S3_BUCKET?: string;
  @IsString() S3_PREFIX = 'backups/';
  @IsOptional() @IsString() S3_ACCESS_KEY_ID?: string;
  @IsOptional() @IsString() S3_SECRET_ACCESS_KEY?: string;
  @EnvBoolean() S3_FORCE_PATH_STYLE = false;

  @IsOptional() @IsString() SLACK_WEBHOOK_URL?: string;
}
