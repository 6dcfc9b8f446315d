import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@app/auth';
import { ListSubscriptionsQuery } from './dto/list-subscriptions.query';
import { SubscribeDto } from './dto/subscribe.dto';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  /** Subscribe a channel to an event (idempotent). */
  @Post()
  subscribe(@CurrentUser() user: AuthUser, @Body() dto: SubscribeDto) {
    return this.subscriptions.subscribe(user, dto);
  }

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListSubscriptionsQuery) {
    return this.subscriptions.list(user.id, query);
  }

  @Delete(':id')
  @HttpCode(204)
  unsubscribe(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.subscriptions.unsubscribe(user.id, id);
  }
}
