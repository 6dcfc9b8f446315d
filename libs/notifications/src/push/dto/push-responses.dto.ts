import { ApiProperty } from '@nestjs/swagger';

export class PushPublicKeyDto {
  @ApiProperty({ description: 'The VAPID public key (base64url): the applicationServerKey for pushManager.subscribe()' })
  publicKey!: string;
}

export class PushSubscriptionResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() endpoint!: string;
  @ApiProperty({ type: String, nullable: true }) deviceName!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last time the push service accepted a message' })
  lastSuccessAt!: string | null;
}
