import { NodeContext, NodeResult, NodeType } from '../node-type';
import { CodeSandbox } from './code-sandbox';

export const CODE_TIMEOUT_DEFAULT_MS = 1_000;
export const CODE_TIMEOUT_MAX_MS = 30_000;
export const CODE_MEMORY_DEFAULT_MB = 32;
export const CODE_MEMORY_MAX_MB = 256;

/** The code node: the body of a JavaScript function run in the QuickJS sandbox; its return value is the output. */
export class CodeNode implements NodeType {
  readonly type = 'code';
  readonly description =
    'Runs the body of a JavaScript function in a QuickJS (WebAssembly) sandbox; its return value (JSON) is the output. ' +
    "In scope: $trigger, $nodes (earlier outputs by node id), $input (the parents' outputs by node id). No require, process, network, filesystem or timers.";
  readonly paramsSchema = {
    type: 'object',
    required: ['code'],
    additionalProperties: false,
    properties: {
      code: {
        type: 'string',
        minLength: 1,
        maxLength: 100_000,
        description: 'JavaScript function body (not JSONata, no {{ }} placeholders)',
      },
      timeoutMs: { type: 'integer', minimum: 1, maximum: CODE_TIMEOUT_MAX_MS, default: CODE_TIMEOUT_DEFAULT_MS },
      memoryMb: { type: 'integer', minimum: 1, maximum: CODE_MEMORY_MAX_MB, default: CODE_MEMORY_DEFAULT_MB },
    },
  };
  readonly example = {
    code: 'const items = $trigger.body.items || [];\nreturn { count: items.length, total: items.reduce((s, i) => s + i.price, 0) };',
    timeoutMs: 1000,
  };

  constructor(private readonly sandbox: CodeSandbox) {}

  prepare(): Promise<void> {
    return this.sandbox.init();
  }

  paramsProblems(params: Record<string, unknown>): string[] {
    const problem = this.sandbox.syntaxProblem(params.code as string);
    return problem ? [`params.code: ${problem}`] : [];
  }

  async run({ params, scope, inputs, deadline, signal }: NodeContext): Promise<NodeResult> {
    const timeoutMs = Math.max(1, Math.min((params.timeoutMs as number | undefined) ?? CODE_TIMEOUT_DEFAULT_MS, deadline - Date.now()));
    const output = await this.sandbox.run({
      code: params.code as string,
      scope: { trigger: scope.trigger, nodes: scope.nodes, input: inputs },
      timeoutMs,
      memoryMb: (params.memoryMb as number | undefined) ?? CODE_MEMORY_DEFAULT_MB,
      signal,
    });
    return { output };
  }
}
