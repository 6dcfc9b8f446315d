import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { WorkflowDefinition, WorkflowNode } from '../definition/workflow-definition';
import { SWITCH_DEFAULT_CASE, switchCases } from '../node-types/branching.nodes';
import { NodeTypeRegistry } from '../node-types/node-type.registry';
import { cronProblem } from '../node-types/trigger.nodes';
import { pathOfSource, ProblemList } from './definition-problem';
import { ExpressionEvaluator } from './expression-evaluator';

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;

/** Checks a definition before it is saved; each problem names the node (or edge) it is about. */
@Injectable()
export class DagValidator {
  constructor(
    private readonly registry: NodeTypeRegistry,
    private readonly expressions: ExpressionEvaluator,
    private readonly config: AppConfig,
  ) {}

  /** Loads what checking this definition's node types needs; await it before problems() or check(). */
  prepare(definition: WorkflowDefinition): Promise<void> {
    return this.registry.prepare(definition.nodes.map((node) => node.type));
  }

  /** The problems as text, one line each (the `message` list of a 400). */
  problems(definition: WorkflowDefinition): string[] {
    return this.check(definition).texts;
  }

  /** The problems both as text and as items placed on their node or edge. */
  check(definition: WorkflowDefinition): ProblemList {
    const problems = new ProblemList();
    const ids = new Set<string>();
    for (const node of definition.nodes) {
      const nodeId = node.id;
      if (!ID_PATTERN.test(node.id))
        problems.add({ nodeId, path: 'id', message: 'id must start with a letter and use letters, digits, _ or - (max 100)' });
      if (ids.has(node.id)) problems.add({ nodeId, path: 'id', message: 'duplicate id' });
      ids.add(node.id);
      const maxTimeoutMs = this.config.execution.NODE_TIMEOUT_MAX_MS;
      if (node.timeoutMs !== undefined && node.timeoutMs > maxTimeoutMs)
        problems.add({
          nodeId,
          path: 'timeoutMs',
          message: `timeoutMs ${node.timeoutMs} is over the platform limit of ${maxTimeoutMs} ms (NODE_TIMEOUT_MAX_MS)`,
        });
      for (const problem of this.nodeProblems(node.type, node.params ?? {})) problems.add({ nodeId, ...problem });
    }
    const triggers = definition.nodes.filter((n) => this.registry.get(n.type)?.trigger);
    if (triggers.length !== 1)
      problems.add({
        message: `exactly one trigger node is required (found ${triggers.length}${triggers.length ? `: ${triggers.map((t) => t.id).join(', ')}` : ''})`,
      });
    this.edgeProblems(definition, ids, problems);
    if (problems.length === 0) this.graphProblems(definition, triggers[0].id, problems);
    return problems;
  }

  private nodeProblems(type: string, params: Record<string, unknown>): { path?: string; message: string }[] {
    const nodeType = this.registry.get(type);
    if (!nodeType) return [{ path: 'type', message: `unknown node type "${type}"` }];
    const problems: { path?: string; message: string }[] = this.registry.paramProblemItems(type, params);
    if (problems.length) return problems;
    for (const source of nodeType.expressionsOf?.(params) ?? []) {
      const problem = this.expressions.check(source);
      if (problem) problems.push({ path: pathOfSource(params, source), message: problem });
    }
    if (type === 'trigger.schedule') {
      const problem = cronProblem(params.cron as string, (params.timezone as string) ?? 'UTC');
      if (problem) problems.push({ path: 'params.cron', message: problem });
    }
    return problems;
  }

  private edgeProblems(definition: WorkflowDefinition, ids: Set<string>, problems: ProblemList): void {
    const types = new Map(definition.nodes.map((n) => [n.id, n.type]));
    const byId = new Map(definition.nodes.map((n) => [n.id, n]));
    const seen = new Set<string>();
    for (const { from, to, when } of definition.edges) {
      const add = (message: string) => problems.add({ edge: { from, to }, message });
      if (!ids.has(from)) add(`unknown source node "${from}"`);
      if (!ids.has(to)) add(`unknown target node "${to}"`);
      if (from === to) add('a node cannot feed itself');
      if (this.registry.get(types.get(to) ?? '')?.trigger) add('a trigger node cannot have incoming edges');
      const whenProblem = this.whenProblem(byId.get(from), when);
      if (whenProblem) add(whenProblem);
      const key = `${from}->${to}:${when ?? ''}`;
      if (seen.has(key)) add('duplicate edge');
      seen.add(key);
    }
  }

  /** Edges out of logic.if carry "true" or "false", out of logic.switch one of its cases; no other edge has a `when`. */
  private whenProblem(from: WorkflowNode | undefined, when: string | undefined): string | null {
    if (from?.type === 'logic.if') return when === 'true' || when === 'false' ? null : 'edges out of logic.if need when "true" or "false"';
    if (from?.type === 'logic.switch') {
      const cases = Array.isArray(from.params?.rules) ? switchCases(from.params) : [SWITCH_DEFAULT_CASE];
      if (when !== undefined && cases.includes(when)) return null;
      return `edges out of logic.switch need when naming one of its cases: ${cases.map((c) => `"${c}"`).join(', ')}${when === undefined ? '' : ` (got "${when}")`}`;
    }
    return when === undefined ? null : '"when" is only allowed on edges out of logic.if or logic.switch';
  }

  /** Cycles (Kahn's algorithm) and nodes the trigger cannot reach. */
  private graphProblems(definition: WorkflowDefinition, triggerId: string, problems: ProblemList): void {
    const outgoing = new Map(definition.nodes.map((n) => [n.id, [] as string[]]));
    const indegree = new Map(definition.nodes.map((n) => [n.id, 0]));
    for (const edge of definition.edges) {
      outgoing.get(edge.from)!.push(edge.to);
      indegree.set(edge.to, indegree.get(edge.to)! + 1);
    }
    const queue = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
    let visited = 0;
    while (queue.length) {
      const id = queue.shift()!;
      visited++;
      for (const next of outgoing.get(id)!) {
        indegree.set(next, indegree.get(next)! - 1);
        if (indegree.get(next) === 0) queue.push(next);
      }
    }
    if (visited < definition.nodes.length) {
      const inCycle = [...indegree].filter(([, d]) => d > 0).map(([id]) => id);
      const message = `the graph has a cycle through nodes ${inCycle.map((id) => `"${id}"`).join(', ')}`;
      // Each edge that closes a loop (its source is reachable from its target) is marked on its own.
      const cycleEdges = definition.edges.filter((e) => reachableFrom(e.to, outgoing).has(e.from));
      return problems.addSpanning(
        `definition: ${message}`,
        cycleEdges.map(({ from, to }) => ({ edge: { from, to }, message })),
      );
    }
    const reachable = reachableFrom(triggerId, outgoing);
    for (const node of definition.nodes)
      if (!reachable.has(node.id)) problems.add({ nodeId: node.id, message: `unreachable from the trigger "${triggerId}"` });
  }
}

function reachableFrom(start: string, outgoing: Map<string, string[]>): Set<string> {
  const reachable = new Set([start]);
  const stack = [start];
  while (stack.length) {
    for (const next of outgoing.get(stack.pop()!) ?? []) {
      if (reachable.has(next)) continue;
      reachable.add(next);
      stack.push(next);
    }
  }
  return reachable;
}
