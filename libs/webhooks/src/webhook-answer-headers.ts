import { ServerResponse } from 'node:http';

/**
 * Every /webhook/* answer, errors included: a workflow's HTML answer comes from the platform's own
 * origin, so browsers must neither sniff a type nor run scripts in it with the console's origin.
 */
export const WEBHOOK_ANSWER_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': 'sandbox',
};

/** Nest middleware (runs on Fastify's onRequest, before body parsing), so 400/413 answers carry them too. */
export function webhookAnswerHeaders(_req: unknown, res: ServerResponse, next: () => void): void {
  for (const [name, value] of Object.entries(WEBHOOK_ANSWER_HEADERS)) res.setHeader(name, value);
  next();
}
