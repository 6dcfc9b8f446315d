import { ValidateBy, ValidationArguments } from 'class-validator';

/**
 * An array with min..max items, as ONE constraint: a missing list reads "is required", not a size
 * rule it cannot meet (class-validator reports every failing decorator).
 */
export function IsListOf(what: string, min: number, max: number) {
  const sizeProblem = ({ property, value }: ValidationArguments) =>
    Array.isArray(value)
      ? `${property} must have ${min === 0 ? 'at most' : `${min} to`} ${max} ${what} (got ${value.length})`
      : `${property} is required: an array of ${what}${min === 0 ? ' (use [] for none)' : ''}`;
  return ValidateBy({
    name: 'isListOf',
    validator: {
      validate: (value: unknown) => Array.isArray(value) && value.length >= min && value.length <= max,
      defaultMessage: sizeProblem,
    },
  });
}
