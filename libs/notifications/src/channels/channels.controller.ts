import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, AuthUser, CurrentUser } from '@app/auth';
import { ApiErrors, ApiPageResponse, PaginationQueryDto } from '@app/common';
import { ChannelResponseDto, ChannelTestResultDto } from '../dto/notification-responses.dto';
import { ChannelTestService } from './channel-test.service';
import { ChannelsService } from './channels.service';
import { CreateChannelDto } from './dto/create-channel.dto';
import { UpdateChannelDto } from './dto/update-channel.dto';

@ApiTags('notifications')
@ApiAuth()
@Controller('notifications/channels')
export class ChannelsController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly tests: ChannelTestService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a notification channel (email, webhook, Slack…)' })
  @ApiCreatedResponse({ type: ChannelResponseDto })
  @ApiErrors(400, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateChannelDto) {
    return this.channels.create(user.id, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List own notification channels' })
  @ApiPageResponse(ChannelResponseDto)
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: PaginationQueryDto) {
    return this.channels.list(user.id, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a notification channel' })
  @ApiOkResponse({ type: ChannelResponseDto })
  @ApiErrors(400, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.channels.get(user.id, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update a notification channel' })
  @ApiOkResponse({ type: ChannelResponseDto })
  @ApiErrors(400, 404, 409)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateChannelDto) {
    return this.channels.update(user.id, id, dto);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a test notification through the channel now and answer with the delivery result (never retried)' })
  @ApiOkResponse({ type: ChannelTestResultDto })
  @ApiErrors(400, 404)
  test(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.tests.send(user.id, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a notification channel (its history is kept)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.channels.remove(user.id, id);
  }
}
