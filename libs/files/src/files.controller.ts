import { Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ApiAuth, AuthUser, CurrentUser } from '@app/auth';
import { ApiErrors, ApiPageResponse, PaginationQueryDto } from '@app/common';
import { RateLimit } from '@app/throttling';
import { parseByteRange } from './byte-range';
import { FileViewDto } from './dto/file-view.dto';
import { sendFileContent, sendRangeNotSatisfiable } from './file-content.reply';
import { FileIntakeService } from './file-intake.service';
import { toFileView } from './file.view';
import { FilesService } from './files.service';

@ApiTags('files')
@ApiAuth()
@Controller('files')
export class FilesController {
  constructor(
    private readonly files: FilesService,
    private readonly intake: FileIntakeService,
  ) {}

  @Post()
  @RateLimit('upload')
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Upload one file (multipart field `file`)' })
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: FileViewDto })
  @ApiErrors(400, 413, 415, 503)
  async upload(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest) {
    return toFileView((await this.intake.receiveOne(user.id, request)).file);
  }

  @Get()
  @ApiOperation({ summary: 'List own files' })
  @ApiPageResponse(FileViewDto)
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: PaginationQueryDto) {
    return this.files.list(user.id, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a file’s metadata' })
  @ApiOkResponse({ type: FileViewDto })
  @ApiErrors(400, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.files.get(user.id, id);
  }

  @Get(':id/content')
  @ApiOperation({ summary: 'Download a file’s bytes (supports a single Range)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'The whole file',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({
    status: 206,
    description: 'The requested byte range',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(400, 404, 416)
  async content(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('range') rangeHeader: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const file = await this.files.find(user.id, id);
    const range = parseByteRange(rangeHeader, Number(file.sizeBytes));
    if (range === 'unsatisfiable') return sendRangeNotSatisfiable(reply, file);
    return sendFileContent(reply, file, await this.files.content(file, range), range);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a file' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.files.remove(user.id, id);
  }
}
