import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configVariables } from './config-variables';

const root = join(__dirname, '..', '..', '..');

describe('configuration docs stay true', () => {
  const variables = configVariables().map((v) => v.name);

  it('declares at least 20 settings', () => expect(variables.length).toBeGreaterThanOrEqual(20));

  it.each(['.env.example', 'README.md'])('%s documents every variable', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const missing = variables.filter((name) => !new RegExp(`\\b${name}\\b`).test(text));
    expect(missing).toEqual([]);
  });
});
