/** What a complete plain-format pg_dump looks like at both ends; a cut-short dump lacks the trailer. */
const HEADER = '--\n-- PostgreSQL database dump\n';
const TRAILER = '-- PostgreSQL database dump complete';

export function dumpEdgeProblems(head: string, tail: string): string[] {
  const problems: string[] = [];
  if (!head.startsWith(HEADER)) problems.push('the dump does not start with the PostgreSQL dump header');
  if (!tail.includes(TRAILER)) problems.push('the dump has no "dump complete" trailer (it was cut short)');
  // pg_dump 15.14+ fences the script with \restrict <key> ... \unrestrict <key>.
  const key = /\\restrict (\S+)/.exec(head)?.[1];
  if (key && !tail.includes(`\\unrestrict ${key}`)) problems.push('the \\restrict fence opened by the header is not closed by the trailer');
  return problems;
}
