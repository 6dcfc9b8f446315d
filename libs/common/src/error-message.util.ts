/** The message of an error and of its cause (undici and nodemailer put the useful part there). */
export function errorMessage(error: unknown): string {
  // Duck-typed: errors from another realm (node internals under Jest) are not `instanceof Error`.
  const message = (value: unknown) => (value && typeof (value as Error).message === 'string' ? (value as Error).message : undefined);
  const own = message(error) ?? String(error);
  const cause = message((error as { cause?: unknown } | null)?.cause);
  return cause && !own.includes(cause) ? `${own}: ${cause}` : own;
}
