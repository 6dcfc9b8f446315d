import { IsIn, IsString } from 'class-validator';
import { EnvInt, EnvList } from './env-decorators';

export class UploadEnv {
  @IsString()
  UPLOAD_DIR = './data/uploads';

  @EnvInt(1)
  UPLOAD_MAX_BYTES = 10_485_760;

  @EnvList()
  @IsString({ each: true })
  UPLOAD_ALLOWED_MIME_TYPES: string[] = [];

  /** `s3`: stored files go to S3_BUCKET (the S3_* settings) under UPLOAD_S3_PREFIX instead of UPLOAD_DIR. */
  @IsIn(['local', 's3'], { message: 'UPLOAD_STORAGE must be local or s3' })
  UPLOAD_STORAGE: 'local' | 's3' = 'local';

  @IsString()
  UPLOAD_S3_PREFIX = 'uploads/';
}
