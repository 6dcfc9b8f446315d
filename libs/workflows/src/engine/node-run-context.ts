import { NodeContext } from '../node-types/node-type';
import { NodeBudget } from './expression-evaluator';
import { LazyAbort } from './lazy-abort';

/**
 * A node attempt's abort and the budget its expressions share. Classes with the signal as a prototype
 * getter, not object literals with `get signal()`: V8 defines a literal's accessors one by one on each
 * creation, and two such literals per node were the engine's largest allocation on a sync webhook.
 */
export class NodeAbort extends LazyAbort implements NodeBudget {
  constructor(readonly deadline: number) {
    super();
  }
}

/** What a node's run sees; its abort signal is made only when the node reads it. */
export class NodeRunContext implements NodeContext {
  readonly params: NodeContext['params'];
  readonly scope: NodeContext['scope'];
  readonly inputs: NodeContext['inputs'];
  readonly deadline: number;
  readonly expressions: NodeContext['expressions'];
  readonly credentials: NodeContext['credentials'];
  readonly files: NodeContext['files'];
  readonly nodeId: string;
  readonly run: NodeContext['run'];

  constructor(
    fields: Omit<NodeContext, 'signal' | 'deadline'>,
    private readonly abort: NodeAbort,
  ) {
    this.params = fields.params;
    this.scope = fields.scope;
    this.inputs = fields.inputs;
    this.deadline = abort.deadline;
    this.expressions = fields.expressions;
    this.credentials = fields.credentials;
    this.files = fields.files;
    this.nodeId = fields.nodeId;
    this.run = fields.run;
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }
}
