import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { WorkflowDefinition, WorkflowNode } from '../definition/workflow-definition';
import { SWITCH_DEFAULT_CASE, switchCases } from '../node-types/branching.nodes';
import { NodeTypeRegistry } from '../node-types/node-type.registry';
import { cronProblem } from '../node-types/trigger.nodes';
import { ExpressionEvaluator } from './expression-evaluator';

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;

/** Checks a definition before it is saved; each problem names the node (or edge) it is about. */
@Injectable()
export class DagValidator {
  constructor(private readonly registry: NodeTypeRegistry, private readonly expressions: ExpressionEvaluator, private readonly config: AppConfig) {}

  problems(definition: WorkflowDefinition): string[] {
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const node of definition.nodes) {
      if (!ID_PATTERN.test(node.id)) problems.push(`node "${node.id}": id must start with a letter and use letters, digits, _ or - (max 100)`);
      if (ids.has(node.id)) problems.push(`node "${node.id}": duplicate id`);
      ids.add(node.id);
      const maxTimeoutMs = this.config.execution.NODE_TIMEOUT_MAX_MS;
      if (node.timeoutMs !== undefined && node.timeoutMs > maxTimeoutMs) problems.push(`node "${node.id}": timeoutMs ${node.timeoutMs} is over the platform limit of ${maxTimeoutMs} ms (NODE_TIMEOUT_MAX_MS)`);
      problems.push(...this.nodeProblems(node.id, node.type, node.params ?? {}));
    }
    const triggers = definition.nodes.filter((n) => this.registry.get(n.type)?.trigger);
    if (triggers.length !== 1) problems.push(`definition: exactly one trigger node is required (found ${triggers.length}${triggers.length ? `: ${triggers.map((t) => t.id).join(', ')}` : ''})`);
    problems.push(...this.edgeProblems(definition, ids));
    if (problems.length === 0) problems.push(...this.graphProblems(definition, triggers[0].id));
    return problems;
  }

  private nodeProblems(id: string, type: string, params: Record<string, unknown>): string[] {
    const nodeType = this.registry.get(type);
    if (!nodeType) return [`node "${id}": unknown node type "${type}"`];
    const problems = this.registry.paramProblems(type, params).map((p) => `node "${id}": ${p}`);
    if (problems.length) return problems;
    for (const source of nodeType.expressionsOf?.(params) ?? []) {
      const problem = this.expressions.check(source);
      if (problem) problems.push(`node "${id}": ${problem}`);
    }
    if (type === 'trigger.schedule') {
      const problem = cronProblem(params.cron as string, (params.timezone as string) ?? 'UTC');
      if (problem) problems.push(`node "${id}": ${problem}`);
    }
    return problems;
  }

  private edgeProblems(definition: WorkflowDefinition, ids: Set<string>): string[] {
    const problems: string[] = [];
    const types = new Map(definition.nodes.map((n) => [n.id, n.type]));
    const byId = new Map(definition.nodes.map((n) => [n.id, n]));
    const seen = new Set<string>();
    for (const edge of definition.edges) {
      const label = `edge ${edge.from} -> ${edge.to}`;
      if (!ids.has(edge.from)) problems.push(`${label}: unknown source node "${edge.from}"`);
      if (!ids.has(edge.to)) problems.push(`${label}: unknown target node "${edge.to}"`);
      if (edge.from === edge.to) problems.push(`${label}: a node cannot feed itself`);
      if (this.registry.get(types.get(edge.to) ?? '')?.trigger) problems.push(`${label}: a trigger node cannot have incoming edges`);
      const whenProblem = this.whenProblem(byId.get(edge.from), edge.when);
      if (whenProblem) problems.push(`${label}: ${whenProblem}`);
      const key = `${edge.from}->${edge.to}:${edge.when ?? ''}`;
      if (seen.has(key)) problems.push(`${label}: duplicate edge`);
      seen.add(key);
    }
    return problems;
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
  private graphProblems(definition: WorkflowDefinition, triggerId: string): string[] {
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
      return [`definition: the graph has a cycle through nodes ${inCycle.map((id) => `"${id}"`).join(', ')}`];
    }
    const reachable = new Set([triggerId]);
    const stack = [triggerId];
    while (stack.length) {
      for (const next of outgoing.get(stack.pop()!)!) {
        if (reachable.has(next)) continue;
        reachable.add(next);
        stack.push(next);
      }
    }
    return definition.nodes.filter((n) => !reachable.has(n.id)).map((n) => `node "${n.id}": unreachable from the trigger "${triggerId}"`);
  }
}
