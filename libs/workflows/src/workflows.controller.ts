import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, AuthUser, CurrentUser } from '@app/auth';
import { ApiErrors, ApiPageResponse, PaginationQueryDto } from '@app/common';
import { CreateWorkflowDto } from './dto/create-workflow.dto';
import { ListWorkflowsQuery } from './dto/list-workflows.query';
import { UpdateWorkflowDto } from './dto/update-workflow.dto';
import {
  RestoredWorkflowDto,
  WebhookInfoDto,
  WorkflowDiffDto,
  WorkflowListItemDto,
  WorkflowResponseDto,
  WorkflowTagsDto,
  WorkflowVersionDto,
} from './dto/workflow-responses.dto';
import { WebhookInfoService } from './webhook-info.service';
import { WorkflowListService } from './workflow-list.service';
import { WorkflowVersionHistoryService } from './workflow-version-history.service';
import { WorkflowsService } from './workflows.service';

@ApiTags('workflows')
@ApiAuth()
@Controller('workflows')
export class WorkflowsController {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly webhookInfo: WebhookInfoService,
    private readonly history: WorkflowVersionHistoryService,
    private readonly listing: WorkflowListService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a workflow (version 1 of its definition)' })
  @ApiCreatedResponse({ type: WorkflowResponseDto })
  @ApiErrors(400, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateWorkflowDto) {
    return this.workflows.create(user.id, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List own workflows (filter by status, tag, name), each with its last run and run history' })
  @ApiPageResponse(WorkflowListItemDto)
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: ListWorkflowsQuery) {
    return this.listing.list(user.id, query);
  }

  @Get('tags')
  @ApiOperation({ summary: 'Every tag used on own workflows, sorted' })
  @ApiOkResponse({ type: WorkflowTagsDto })
  tags(@CurrentUser() user: AuthUser) {
    return this.listing.tags(user.id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a workflow with its current definition' })
  @ApiOkResponse({ type: WorkflowResponseDto })
  @ApiErrors(400, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.workflows.get(user.id, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update a workflow (a changed definition saves a new version)' })
  @ApiOkResponse({ type: WorkflowResponseDto })
  @ApiErrors(400, 404, 409)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateWorkflowDto) {
    return this.workflows.update(user.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a workflow' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.workflows.remove(user.id, id);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Activate a workflow (its triggers start)' })
  @ApiOkResponse({ type: WorkflowResponseDto })
  @ApiErrors(400, 404, 409)
  activate(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.workflows.activate(user.id, id);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a workflow (its triggers stop)' })
  @ApiOkResponse({ type: WorkflowResponseDto })
  @ApiErrors(400, 404)
  deactivate(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.workflows.deactivate(user.id, id);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'List a workflow’s versions, newest first' })
  @ApiPageResponse(WorkflowVersionDto)
  @ApiErrors(400, 404)
  versions(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: PaginationQueryDto) {
    return this.workflows.versions(user.id, id, query);
  }

  /** Saves a new version equal to the given one (history stays immutable). */
  @Post(':id/versions/:versionId/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore a version (saved as a new version)' })
  @ApiOkResponse({ type: RestoredWorkflowDto })
  @ApiErrors(400, 404)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('versionId', ParseUUIDPipe) versionId: string) {
    return this.history.restore(user.id, id, versionId);
  }

  /** Structural diff from version a to version b: nodes added, removed, changed (with the changed params); edges added, removed. */
  @Get(':id/versions/:a/diff/:b')
  @ApiOperation({ summary: 'Structural diff between two versions' })
  @ApiOkResponse({ type: WorkflowDiffDto })
  @ApiErrors(400, 404)
  diff(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('a', ParseUUIDPipe) a: string,
    @Param('b', ParseUUIDPipe) b: string,
  ) {
    return this.history.diff(user.id, id, a, b);
  }

  /** The active webhook: path, method, mode and (for signed webhooks) the signing secret. */
  @Get(':id/webhook')
  @ApiOperation({ summary: 'The workflow’s active webhook (URL, method, mode, signing secret)' })
  @ApiOkResponse({ type: WebhookInfoDto })
  @ApiErrors(400, 404)
  webhook(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.webhookInfo.describe(user.id, id);
  }
}
