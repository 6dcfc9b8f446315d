import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ApiAuth, AuthUser, CurrentUser } from '@app/auth';
import { ApiErrors, ApiPageResponse, sendEventStream } from '@app/common';
import { MarkedReadDto, NotificationResponseDto, UnreadCountDto } from '../dto/notification-responses.dto';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { InboxStreamService } from './inbox-stream.service';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly streams: InboxStreamService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List own notifications (filter by unread, event, status, channel type)' })
  @ApiPageResponse(NotificationResponseDto)
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: ListNotificationsQuery) {
    return this.notifications.list(user.id, query);
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many own notifications are unread (the inbox badge)' })
  @ApiOkResponse({ type: UnreadCountDto })
  unreadCount(@CurrentUser() user: AuthUser) {
    return this.notifications.unreadCount(user.id);
  }

  @Get('events')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: 'The unread count, live: server-sent `unread` events ({ count }) at once and after every inbox change (Authorization header)',
  })
  @ApiOkResponse({ description: 'An endless text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  async events(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply): Promise<void> {
    sendEventStream(reply, await this.streams.openStream(user.id));
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark every own notification read' })
  @ApiOkResponse({ type: MarkedReadDto })
  markAllRead(@CurrentUser() user: AuthUser) {
    return this.notifications.markAllRead(user.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notification read (idempotent)' })
  @ApiOkResponse({ type: NotificationResponseDto })
  @ApiErrors(400, 404)
  markRead(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.notifications.markRead(user.id, id);
  }
}
