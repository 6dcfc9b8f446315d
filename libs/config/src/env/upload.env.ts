import { IsString } from 'class-validator';
import { EnvInt, EnvList } from './env-decorators';

export class UploadEnv {
  @IsString()
  UPLOAD_DIR = './data/uploads';

  @EnvInt(1)
  UPLOAD_MAX_BYTES = 10_485_760;

  @EnvList()
  @IsString({ each: true })
  UPLOAD_ALLOWED_MIME_TYPES: string[] = [];
}
