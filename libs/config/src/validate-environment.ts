import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { AppConfig, ENV_SECTIONS, EnvSections } from './app-config';
import { ConfigProblem, ConfigValidationError } from './config-problem';
import { withDevSecrets } from './dev-secrets';
import { checkProductionRules } from './production-rules';
import { checkWebPush } from './web-push-settings';

export type RawEnv = Record<string, string | undefined>;

export interface EnvironmentVerdict {
  config?: AppConfig;
  problems: ConfigProblem[];
}

/** `FOO=` in a .env file means "not set", not "the empty string". */
function withoutBlanks(raw: RawEnv): RawEnv {
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value.trim() !== ''));
}

function toProblems(errors: ValidationError[]): ConfigProblem[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => ({
      variable: error.property,
      problem: message.startsWith(error.property) ? message.slice(error.property.length + 1) : message,
      fix: `Correct ${error.property} (see .env.example and the README's configuration table).`,
    })),
  );
}

/** One entry per variable: its distinct problems joined, its first fix (one value, one thing to correct). */
function oncePerVariable(problems: ConfigProblem[]): ConfigProblem[] {
  const merged = new Map<string, ConfigProblem>();
  for (const problem of problems) {
    const seen = merged.get(problem.variable);
    if (!seen) merged.set(problem.variable, { ...problem });
    else if (!seen.problem.split('; ').includes(problem.problem)) seen.problem += `; ${problem.problem}`;
  }
  return [...merged.values()];
}

function devSecretsFilled(raw: RawEnv, problems: ConfigProblem[]): RawEnv {
  try {
    return withDevSecrets(raw);
  } catch (err) {
    const fix = 'Fix or delete the file (or point DEV_SECRETS_FILE at a writable path), or set JWT_SECRET and ENCRYPTION_KEY.';
    problems.push({ variable: 'DEV_SECRETS_FILE', problem: `could not provide development secrets: ${(err as Error).message}`, fix });
    return raw;
  }
}

/**
 * Validates the whole environment and reports every problem at once (never the first only). Outside
 * production, unset JWT_SECRET / ENCRYPTION_KEY (and the VAPID pair) are read from (or generated into) DEV_SECRETS_FILE.
 */
export function validateEnvironment(rawEnv: RawEnv): EnvironmentVerdict {
  const problems: ConfigProblem[] = [];
  const raw = devSecretsFilled(withoutBlanks(rawEnv), problems);
  const sections = {} as Record<string, object>;
  for (const [name, Section] of Object.entries(ENV_SECTIONS)) {
    const section = plainToInstance(Section as new () => object, raw, { exposeDefaultValues: true, excludeExtraneousValues: false });
    problems.push(...toProblems(validateSync(section, { whitelist: true })));
    sections[name] = section;
  }
  const config = new AppConfig(sections as EnvSections);
  problems.push(...checkProductionRules(config, raw), ...checkWebPush(config));
  return problems.length ? { problems: oncePerVariable(problems) } : { config, problems };
}

export function loadConfig(rawEnv: RawEnv = process.env): AppConfig {
  const { config, problems } = validateEnvironment(rawEnv);
  if (!config) throw new ConfigValidationError(problems);
  return config;
}
