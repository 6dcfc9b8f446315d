export interface ConfigProblem {
  variable: string;
  problem: string;
  fix: string;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`Invalid configuration: ${problems.map((p) => p.variable).join(', ')}`);
    this.name = 'ConfigValidationError';
  }
}
