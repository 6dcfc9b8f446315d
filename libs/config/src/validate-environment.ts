import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { AppConfig, ENV_SECTIONS, EnvSections } from './app-config';
import { ConfigProblem, ConfigValidationError } from './config-problem';
import { checkProductionRules } from './production-rules';

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

/** Validates the whole environment and reports every problem at once (never the first only). */
export function validateEnvironment(rawEnv: RawEnv): EnvironmentVerdict {
  const raw = withoutBlanks(rawEnv);
  const problems: ConfigProblem[] = [];
  const sections = {} as Record<string, object>;
  for (const [name, Section] of Object.entries(ENV_SECTIONS)) {
    const section = plainToInstance(Section as new () => object, raw, { exposeDefaultValues: true, excludeExtraneousValues: false });
    problems.push(...toProblems(validateSync(section, { whitelist: true })));
    sections[name] = section;
  }
  const config = new AppConfig(sections as EnvSections);
  problems.push(...checkProductionRules(config, raw));
  return problems.length ? { problems } : { config, problems };
}

export function loadConfig(rawEnv: RawEnv = process.env): AppConfig {
  const { config, problems } = validateEnvironment(rawEnv);
  if (!config) throw new ConfigValidationError(problems);
  return config;
}
