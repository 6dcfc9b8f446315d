import { ApiProperty } from '@nestjs/swagger';
import { PublicUserDto } from '../dto/auth-responses.dto';

export class RefreshResponseDto {
  @ApiProperty({ description: 'New access token (JWT carrying the session id as `sid`); keep it in memory only' })
  accessToken!: string;

  @ApiProperty({ type: PublicUserDto })
  user!: PublicUserDto;
}

export class SessionViewDto {
  @ApiProperty({ format: 'uuid', description: 'Session id: stable across refreshes; the `sid` of its access tokens' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, description: 'User-Agent of the latest refresh' })
  userAgent!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Client IP of the latest refresh' })
  ip!: string | null;

  @ApiProperty({ description: 'When the user signed in' })
  createdAt!: Date;

  @ApiProperty({ description: 'Latest sign-in or refresh' })
  lastUsedAt!: Date;

  @ApiProperty({ description: 'Absolute end (SESSION_TTL_DAYS after sign-in); SESSION_IDLE_DAYS without a refresh ends it earlier' })
  expiresAt!: Date;

  @ApiProperty({ description: 'True for the session of the access token making this request' })
  current!: boolean;
}
