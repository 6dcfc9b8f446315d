import { AppConfig } from './app-config';
import { formatSetupGuide } from './setup-guide';
import { RawEnv, validateEnvironment } from './validate-environment';

/** Entry points call this first: a refused environment prints the guide and exits 1, with no stack trace. */
export function loadConfigOrExit(rawEnv: RawEnv = process.env): AppConfig {
  const { config, problems } = validateEnvironment(rawEnv);
  if (config) return config;
  process.stderr.write(`${formatSetupGuide(problems, rawEnv.NODE_ENV)}\n`);
  process.exit(1);
}
