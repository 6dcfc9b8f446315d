import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth } from '@app/auth';
import { NodeTypeListDto } from './dto/workflow-responses.dto';
import { NodeTypeRegistry } from './node-types/node-type.registry';

@ApiTags('workflows')
@ApiAuth()
@Controller('node-types')
export class NodeTypesController {
  constructor(private readonly registry: NodeTypeRegistry) {}

  @Get()
  @ApiOperation({ summary: 'List the node types a workflow can use, with their params schema' })
  @ApiOkResponse({ type: NodeTypeListDto })
  list() {
    return {
      items: this.registry.list().map((t) => ({
        type: t.type,
        description: t.description,
        trigger: Boolean(t.trigger),
        paramsSchema: t.paramsSchema,
        example: t.example ?? null,
      })),
    };
  }
}
