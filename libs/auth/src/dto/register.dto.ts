import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { IsNewPassword, PASSWORD_MAX_LENGTH } from '../password-policy';
import { normalizeEmail, trim } from './transforms';

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.com', maxLength: 320 })
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty({ description: 'PASSWORD_MIN_LENGTH (default 10) to 256 characters', maxLength: PASSWORD_MAX_LENGTH, format: 'password' })
  @IsNewPassword()
  password!: string;

  @ApiProperty({ example: 'Ada Lovelace', minLength: 1, maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;
}
