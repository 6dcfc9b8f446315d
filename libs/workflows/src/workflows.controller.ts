import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@app/auth';
import { PaginationQueryDto } from '@app/common';
import { CreateWorkflowDto } from './dto/create-workflow.dto';
import { ListWorkflowsQuery } from './dto/list-workflows.query';
import { UpdateWorkflowDto } from './dto/update-workflow.dto';
import { WebhookInfoService } from './webhook-info.service';
import { WorkflowVersionHistoryService } from './workflow-version-history.service';
import { WorkflowsService } from './workflows.service';

@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly webhookInfo: WebhookInfoService,
    private readonly history: WorkflowVersionHistoryService,
  ) {}

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateWorkflowDto) {
    return this.workflows.create(user.id, dto);
  }

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListWorkflowsQuery) {
    return this.workflows.list(user.id, query);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.workflows.get(user.id, id);
  }

  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateWorkflowDto) {
    return this.workflows.update(user.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.workflows.remove(user.id, id);
  }

  @Post(':id/activate')
  @HttpCode(200)
  activate(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.workflows.activate(user.id, id);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  deactivate(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.workflows.deactivate(user.id, id);
  }

  @Get(':id/versions')
  versions(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: PaginationQueryDto) {
    return this.workflows.versions(user.id, id, query);
  }

  /** Saves a new version equal to the given one (history stays immutable). */
  @Post(':id/versions/:versionId/restore')
  @HttpCode(200)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('versionId', ParseUUIDPipe) versionId: string) {
    return this.history.restore(user.id, id, versionId);
  }

  /** Structural diff from version a to version b: nodes added, removed, changed (with the changed params); edges added, removed. */
  @Get(':id/versions/:a/diff/:b')
  diff(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('a', ParseUUIDPipe) a: string, @Param('b', ParseUUIDPipe) b: string) {
    return this.history.diff(user.id, id, a, b);
  }

  /** The active webhook: path, method, mode and (for signed webhooks) the signing secret. */
  @Get(':id/webhook')
  webhook(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.webhookInfo.describe(user.id, id);
  }
}
