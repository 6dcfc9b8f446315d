import { IsOptional, IsString } from 'class-validator';
import { EnvBoolean, EnvInt } from './env-decorators';

export class SmtpEnv {
  @IsOptional() @IsString() SMTP_HOST?: string;
  @EnvInt(1, 65535) SMTP_PORT = 587;
  /** true = implicit TLS (port 465); false = STARTTLS when the server offers it. */
  @EnvBoolean() SMTP_SECURE = false;
  @IsOptional() @IsString() SMTP_USER?: string;
  @IsOptional() @IsString() SMTP_PASSWORD?: string;
  @IsString() SMTP_FROM = 'Workflow Platform <no-reply@localhost>';
}
