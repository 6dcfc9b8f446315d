import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NodeTypeRegistry } from './node-types/node-type.registry';

@ApiTags('workflows')
@ApiBearerAuth()
@Controller('node-types')
export class NodeTypesController {
  constructor(private readonly registry: NodeTypeRegistry) {}

  @Get()
  list() {
    return { items: this.registry.list().map((t) => ({ type: t.type, description: t.description, trigger: Boolean(t.trigger), paramsSchema: t.paramsSchema, example: t.example ?? null })) };
  }
}
