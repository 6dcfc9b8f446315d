import { getMetadataStorage } from 'class-validator';
import { ENV_SECTIONS } from './app-config';

export interface ConfigVariable {
  section: string;
  name: string;
  /** The development default, as it would be written in a .env file ('' when there is none). */
  defaultValue: string;
}

/** Every environment variable the platform reads, with its default: the source for docs and checks. */
export function configVariables(): ConfigVariable[] {
  const storage = getMetadataStorage();
  return Object.entries(ENV_SECTIONS).flatMap(([section, Section]) => {
    const defaults = new Section() as unknown as Record<string, unknown>;
    const names = new Set(storage.getTargetValidationMetadatas(Section, '', true, false).map((m) => m.propertyName));
    return [...names].map((name) => {
      const value = defaults[name];
      return { section, name, defaultValue: value === undefined ? '' : Array.isArray(value) ? value.join(',') : String(value) };
    });
  });
}
