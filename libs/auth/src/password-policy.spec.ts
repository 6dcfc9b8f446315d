import { validateSync } from 'class-validator';
import { configurePasswordPolicy, IsNewPassword, passwordProblem } from './password-policy';

class Body {
  @IsNewPassword()
  password!: unknown;
}

const problems = (password: unknown) =>
  validateSync(Object.assign(new Body(), { password })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('password policy', () => {
  afterEach(() => configurePasswordPolicy(10));

  it('enforces the configured minimum and the 256 maximum', () => {
    configurePasswordPolicy(12);
    expect(passwordProblem('a'.repeat(11))).toBe('password must be at least 12 characters long');
    expect(passwordProblem('a'.repeat(12))).toBeNull();
    expect(passwordProblem('a'.repeat(256))).toBeNull();
    expect(passwordProblem('a'.repeat(257))).toBe('password must be at most 256 characters long');
    expect(passwordProblem(12345678901234)).toBe('password must be a string');
  });

  it('reports through class-validator with the limit in the message', () => {
    configurePasswordPolicy(8);
    expect(problems('short')).toEqual(['password must be at least 8 characters long']);
    expect(problems('long enough')).toEqual([]);
    expect(problems(undefined)).toEqual(['password must be a string']);
  });
});
