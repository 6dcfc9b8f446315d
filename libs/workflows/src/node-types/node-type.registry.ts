import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Ajv, { ValidateFunction } from 'ajv';
import { AppConfig } from '@app/config';
import { flowMerge, logicSwitch } from './branching.nodes';
import { CodeSandbox } from './code/code-sandbox';
import { CodeNode } from './code/code.node';
import { dataSet, dataTransform, flowDelay, flowFail, flowRespond, logicIf } from './data.nodes';
import { DbQueryNode } from './db-query.node';
import { EmailSendNode } from './email-send.node';
import { flowForEach } from './flow/for-each.node';
import { flowWaitForCallback } from './flow/wait-for-callback.node';
import { workflowCall } from './flow/workflow-call.node';
import { HttpRequestNode } from './http-request.node';
import { NodeType } from './node-type';
import { manualTrigger, scheduleTrigger, webhookTrigger } from './trigger.nodes';

/** Every node type the engine runs, with compiled validators for their params. */
@Injectable()
export class NodeTypeRegistry implements OnModuleDestroy {
  private readonly types = new Map<string, NodeType>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly codeSandbox: CodeSandbox;

  constructor(config: AppConfig) {
    const ajv = new Ajv({ allErrors: true, useDefaults: false, strict: false });
    const http = new HttpRequestNode(config.execution.HTTP_NODE_ALLOWED_HOSTS, config.execution.HTTP_NODE_MAX_RESPONSE_BYTES);
    this.codeSandbox = new CodeSandbox({
      poolSize: config.execution.EXPRESSION_POOL_SIZE,
      maxOutputBytes: config.execution.STEP_OUTPUT_MAX_BYTES,
    });
    const code = new CodeNode(this.codeSandbox);
    const email = new EmailSendNode(config.execution.HTTP_NODE_ALLOWED_HOSTS, config.smtp);
    const dbQuery = new DbQueryNode(config.execution.HTTP_NODE_ALLOWED_HOSTS);
    for (const type of [
      webhookTrigger,
      manualTrigger,
      scheduleTrigger,
      http,
      email,
      dbQuery,
      dataSet,
      dataTransform,
      logicIf,
      logicSwitch,
      flowMerge,
      code,
      flowDelay,
      flowRespond,
      flowFail,
      workflowCall,
      flowForEach,
      flowWaitForCallback,
    ]) {
      this.types.set(type.type, type);
      this.validators.set(type.type, ajv.compile(type.paramsSchema));
    }
  }

  onModuleDestroy(): Promise<void> {
    return this.codeSandbox.close();
  }

  get(type: string): NodeType | undefined {
    return this.types.get(type);
  }

  list(): NodeType[] {
    return [...this.types.values()];
  }

  /** Loads what checking nodes of these types needs (QuickJS for code nodes); await it before paramProblems. */
  async prepare(types: Iterable<string>): Promise<void> {
    await Promise.all([...new Set(types)].map((type) => this.types.get(type)?.prepare?.()));
  }

  /** Problems of a node's params against its type's schema, in words. */
  paramProblems(type: string, params: unknown): string[] {
    return this.paramProblemItems(type, params).map((p) => p.message);
  }

  /** The same, each with the path of the param it is about when the schema check knows it. */
  paramProblemItems(type: string, params: unknown): { path?: string; message: string }[] {
    const validate = this.validators.get(type);
    if (!validate) return [];
    if (validate(params))
      return (this.types.get(type)?.paramsProblems?.(params as Record<string, unknown>) ?? []).map((message) => ({ message }));
    return (validate.errors ?? []).map((e) => {
      const path = `params${e.instancePath.replace(/\//g, '.')}`;
      return {
        path,
        message: `${path} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`,
      };
    });
  }
}
