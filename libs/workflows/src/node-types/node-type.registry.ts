import { Injectable } from '@nestjs/common';
import Ajv, { ValidateFunction } from 'ajv';
import { AppConfig } from '@app/config';
import { dataSet, dataTransform, flowDelay, flowFail, flowRespond, logicIf } from './data.nodes';
import { HttpRequestNode } from './http-request.node';
import { NodeType } from './node-type';
import { manualTrigger, scheduleTrigger, webhookTrigger } from './trigger.nodes';

/** Every node type the engine runs, with compiled validators for their params. */
@Injectable()
export class NodeTypeRegistry {
  private readonly types = new Map<string, NodeType>();
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(config: AppConfig) {
    const ajv = new Ajv({ allErrors: true, useDefaults: false, strict: false });
    const http = new HttpRequestNode(config.execution.HTTP_NODE_ALLOWED_HOSTS, config.execution.HTTP_NODE_MAX_RESPONSE_BYTES);
    for (const type of [webhookTrigger, manualTrigger, scheduleTrigger, http, dataSet, dataTransform, logicIf, flowDelay, flowRespond, flowFail]) {
      this.types.set(type.type, type);
      this.validators.set(type.type, ajv.compile(type.paramsSchema));
    }
  }

  get(type: string): NodeType | undefined {
    return this.types.get(type);
  }

  list(): NodeType[] {
    return [...this.types.values()];
  }

  /** Problems of a node's params against its type's schema, in words. */
  paramProblems(type: string, params: unknown): string[] {
    const validate = this.validators.get(type);
    if (!validate) return [];
    if (validate(params)) return this.types.get(type)?.paramsProblems?.(params as Record<string, unknown>) ?? [];
    return (validate.errors ?? []).map((e) => `params${e.instancePath.replace(/\//g, '.')} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`);
  }
}
