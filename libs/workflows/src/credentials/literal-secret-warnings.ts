import { WorkflowDefinition } from '../definition/workflow-definition';

const SECRET_KEYS =
  /^(authorization|proxy-authorization|x-api-key|api[-_]?key|apikey|x-auth-token|cookie|password|passwd|secret|client[-_]?secret|access[-_]?token|token)$/i;
// Bearer/Basic schemes, JWTs, and well-known key prefixes (Stripe, GitHub, Slack, OpenAI, AWS).
const TOKEN_LIKE =
  /(^|\s)(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}|eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}|\b(sk|pk|rk)_(live|test)_[A-Za-z0-9]{8,}|\bgh[pousr]_[A-Za-z0-9]{20,}|\bxox[abpr]-[A-Za-z0-9-]{10,}|\bsk-[A-Za-z0-9_-]{20,}|\bAKIA[0-9A-Z]{16}\b/i;
const EXPRESSION_ONLY = /^\s*\{\{[^}]*\}\}\s*$/;

/**
 * Literal secrets in node params: saving still succeeds (the value may be a test key), but the answer
 * says where they are, so the author moves them to a credential that is encrypted and never shown again.
 */
export function literalSecretWarnings(definition: WorkflowDefinition): string[] {
  const warnings: string[] = [];
  for (const node of definition.nodes ?? []) {
    visit(node.params ?? {}, `params`, (path, key, value) => {
      if (!value.trim() || EXPRESSION_ONLY.test(value)) return;
      if ((key && SECRET_KEYS.test(key)) || TOKEN_LIKE.test(value))
        warnings.push(
          `node "${node.id}" ${path} looks like a literal secret: store it as a credential (POST /credentials) and reference it with credentialId`,
        );
    });
  }
  return warnings;
}

function visit(
  value: unknown,
  path: string,
  onString: (path: string, key: string | null, value: string) => void,
  key: string | null = null,
): void {
  if (typeof value === 'string') onString(path, key, value);
  else if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${path}[${i}]`, onString));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`, onString, k);
}
