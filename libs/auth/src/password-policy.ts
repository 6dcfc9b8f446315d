import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

export const PASSWORD_MAX_LENGTH = 256;
const DEFAULT_MIN_LENGTH = 10;

/**
 * PASSWORD_MIN_LENGTH is run-time config, but class-validator decorators are static and the global
 * ValidationPipe has no DI container: AuthModule sets the limit here once at boot, so a single
 * 400 lists the password problem together with every other field's.
 */
const policy = { minLength: DEFAULT_MIN_LENGTH };

export function configurePasswordPolicy(minLength: number): void {
  policy.minLength = minLength;
}

export function passwordProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'password must be a string';
  if (value.length < policy.minLength) return `password must be at least ${policy.minLength} characters long`;
  if (value.length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  return null;
}

/** A new password: PASSWORD_MIN_LENGTH..256 characters. */
export function IsNewPassword(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNewPassword',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => passwordProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) => passwordProblem(args?.value) ?? 'password is invalid',
      },
    });
}
