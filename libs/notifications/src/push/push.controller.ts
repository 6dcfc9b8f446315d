import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, AuthUser, CurrentUser } from '@app/auth';
import { ApiErrors, ApiPageResponse, PaginationQueryDto } from '@app/common';
import { PushPublicKeyDto, PushSubscriptionResponseDto } from './dto/push-responses.dto';
import { RegisterPushSubscriptionDto } from './dto/register-push-subscription.dto';
import { PushSubscriptionsService } from './push-subscriptions.service';

const PUSH_OFF: [number, string] = [404, 'Web Push is disabled or not configured on this server'];

@ApiTags('notifications')
@ApiAuth()
@Controller('notifications/push')
export class PushController {
  constructor(private readonly subscriptions: PushSubscriptionsService) {}

  @Get('public-key')
  @ApiOperation({ summary: 'The VAPID public key to subscribe a browser with (applicationServerKey)' })
  @ApiOkResponse({ type: PushPublicKeyDto })
  @ApiErrors(PUSH_OFF)
  publicKey() {
    return this.subscriptions.publicKey();
  }

  @Post('subscriptions')
  @ApiOperation({
    summary: "Register this browser's push subscription (idempotent per endpoint); PUSH channels deliver to every registered device",
  })
  @ApiCreatedResponse({ type: PushSubscriptionResponseDto })
  @ApiErrors(400, PUSH_OFF)
  register(@CurrentUser() user: AuthUser, @Body() dto: RegisterPushSubscriptionDto, @Headers('user-agent') userAgent: string | undefined) {
    return this.subscriptions.register(user.id, dto, userAgent);
  }

  @Get('subscriptions')
  @ApiOperation({ summary: 'List own push subscriptions (devices)' })
  @ApiPageResponse(PushSubscriptionResponseDto)
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: PaginationQueryDto) {
    return this.subscriptions.list(user.id, query);
  }

  @Delete('subscriptions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a push subscription (this device stops receiving push notifications)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, 404)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.subscriptions.remove(user.id, id);
  }
}
