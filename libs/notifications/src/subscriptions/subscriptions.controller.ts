import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, AuthUser, CurrentUser } from '@app/auth';
import { ApiErrors, ApiPageResponse } from '@app/common';
import { SubscriptionResponseDto } from '../dto/notification-responses.dto';
import { ListSubscriptionsQuery } from './dto/list-subscriptions.query';
import { SubscribeDto } from './dto/subscribe.dto';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('notifications')
@ApiAuth()
@Controller('notifications/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  /** Subscribe a channel to an event (idempotent). */
  @Post()
  @ApiOperation({ summary: 'Subscribe a channel to an event (idempotent)' })
  @ApiCreatedResponse({ type: SubscriptionResponseDto })
  @ApiErrors(400, 404)
  subscribe(@CurrentUser() user: AuthUser, @Body() dto: SubscribeDto) {
    return this.subscriptions.subscribe(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List own subscriptions' })
  @ApiPageResponse(SubscriptionResponseDto)
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: ListSubscriptionsQuery) {
    return this.subscriptions.list(user.id, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a subscription' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, 404)
  unsubscribe(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.subscriptions.unsubscribe(user.id, id);
  }
}
