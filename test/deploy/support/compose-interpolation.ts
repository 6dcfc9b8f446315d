/**
 * The subset of Compose's variable interpolation that docker-compose.yml uses: ${VAR}, ${VAR:-default}
 * and ${VAR:?error} (unset or empty counts as missing, as in Compose), plus $$ for a literal $.
 */
export function interpolate(text: string, vars: Record<string, string | undefined>): string {
  return text.replace(
    /\$\$|\$\{(\w+)(?::([-?])([^}]*))?\}/g,
    (whole, name: string | undefined, op: string | undefined, arg: string | undefined) => {
      if (whole === '$$') return '$';
      const value = vars[name!];
      if (value !== undefined && value !== '') return value;
      if (op === '?') throw new Error(`required variable ${name} is missing a value: ${arg}`);
      return op === '-' ? arg! : '';
    },
  );
}

export function interpolateEnvironment(env: Record<string, string>, vars: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, interpolate(String(value), vars)]));
}
