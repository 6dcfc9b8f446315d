import { NodeType } from './node-type';

interface SwitchRule {
  case: string;
  condition: string;
}

/** The `when` of a logic.switch edge taken when no rule matches. */
export const SWITCH_DEFAULT_CASE = 'default';

/** The `when` values an edge out of this switch may carry. */
export function switchCases(params: Record<string, unknown>): string[] {
  return [...((params.rules as SwitchRule[] | undefined) ?? []).map((r) => r.case), SWITCH_DEFAULT_CASE];
}

export const logicSwitch: NodeType = {
  type: 'logic.switch',
  description:
    'N-way branch: rules are JSONata conditions, checked in order; edges whose when names a matching case are taken ' +
    '(the first match, or every match with mode "all"); the edge with when "default" is taken when none matches.',
  pure: true,
  paramsSchema: {
    type: 'object',
    required: ['rules'],
    additionalProperties: false,
    properties: {
      rules: {
        type: 'array',
        minItems: 1,
        maxItems: 100,
        items: {
          type: 'object',
          required: ['case', 'condition'],
          additionalProperties: false,
          properties: {
            case: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,100}$', description: 'the name edges use in when' },
            condition: { type: 'string', minLength: 1, description: 'JSONata expression over { trigger, nodes }' },
          },
        },
      },
      mode: { enum: ['first', 'all'], default: 'first' },
    },
  },
  example: {
    rules: [
      { case: 'urgent', condition: 'trigger.body.priority = "high"' },
      { case: 'billing', condition: '$contains(trigger.body.subject, "invoice")' },
    ],
    mode: 'first',
  },
  paramsProblems(params) {
    const seen = new Set<string>();
    const problems: string[] = [];
    (params.rules as SwitchRule[]).forEach((rule, i) => {
      if (rule.case === SWITCH_DEFAULT_CASE)
        problems.push(`params.rules.${i}.case "${SWITCH_DEFAULT_CASE}" is reserved for the edge taken when no rule matches`);
      else if (seen.has(rule.case)) problems.push(`params.rules.${i}.case "${rule.case}" is used by an earlier rule`);
      seen.add(rule.case);
    });
    return problems;
  },
  expressionsOf: (params) => (params.rules as SwitchRule[]).map((r) => r.condition),
  async run({ params, scope, expressions }) {
    const rules = params.rules as SwitchRule[];
    // One batch: every condition crosses to the expression pool together.
    const results = await Promise.all(rules.map((r) => expressions.evaluate(r.condition, scope)));
    const matching = rules.filter((_, i) => Boolean(results[i])).map((r) => r.case);
    const matched = matching.length === 0 ? [SWITCH_DEFAULT_CASE] : params.mode === 'all' ? matching : matching.slice(0, 1);
    return { output: { matched }, branch: matched };
  },
};

export const flowMerge: NodeType = {
  type: 'flow.merge',
  description:
    'Joins branches. mode "wait" (default) runs once every incoming branch has run or was skipped; "first" keeps only the ' +
    'first branch that finished. output "byBranch" (default) is { <parent id>: output }, "append" concatenates the ' +
    'outputs into one array (array outputs are spread).',
  pure: true,
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      mode: { enum: ['wait', 'first'], default: 'wait' },
      output: { enum: ['byBranch', 'append'], default: 'byBranch' },
    },
  },
  example: { mode: 'wait', output: 'byBranch' },
  async run({ params, inputs }) {
    // The runner reaches a node only after all its parents ran or were skipped, in run order.
    const entries = Object.entries(inputs);
    const chosen = params.mode === 'first' ? entries.slice(0, 1) : entries;
    if (params.output === 'append') return { output: chosen.flatMap(([, value]) => (Array.isArray(value) ? value : [value])) };
    return { output: Object.fromEntries(chosen) };
  },
};
