import { getMetadataStorage } from 'class-validator';
import { ENV_SECTIONS } from '../../../libs/config/src/app-config';
import { validateEnvironment } from '../../../libs/config/src/validate-environment';

/**
 * What production refuses to start without, asked of the config code itself: validate an empty
 * production environment and collect the "is not set" problems.
 */
export function requiredInProduction(): string[] {
  const { problems } = validateEnvironment({ NODE_ENV: 'production' });
  return problems.filter((p) => p.problem.startsWith('is not set')).map((p) => p.variable);
}

/**
 * Every variable the env classes declare: own properties of fresh instances (the ones with
 * defaults) plus class-validator's metadata (also the optional ones without a default, which are
 * no own property of an instance).
 */
export function knownVariables(): Set<string> {
  const names = new Set<string>();
  const storage = getMetadataStorage();
  for (const Section of Object.values(ENV_SECTIONS)) {
    Object.keys(new Section()).forEach((name) => names.add(name));
    storage.getTargetValidationMetadatas(Section, '', true, false).forEach((meta) => names.add(meta.propertyName));
  }
  return names;
}
