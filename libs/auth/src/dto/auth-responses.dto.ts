import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PublicUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['USER', 'ADMIN'] }) role!: string;
  @ApiProperty({ example: 'FREE' }) tier!: string;
}

export class UserProfileDto extends PublicUserDto {
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class UserAdminViewDto extends UserProfileDto {
  @ApiProperty({ format: 'date-time', nullable: true }) disabledAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) lastLoginAt!: string | null;
}

export class AuthSessionDto {
  @ApiProperty({ type: PublicUserDto }) user!: PublicUserDto;
  @ApiProperty({ description: 'JWT for `Authorization: Bearer <token>`' }) accessToken!: string;
}

export class ApiKeyViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The first characters of the key, to recognise it' }) prefix!: string;
  @ApiProperty({ example: 'full' }) scope!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) lastUsedAt?: string | null;
}

export class CreatedApiKeyDto extends ApiKeyViewDto {
  @ApiProperty({ description: 'The secret: shown this once only' }) key!: string;
}
