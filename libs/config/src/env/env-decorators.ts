import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, Max, Min } from 'class-validator';

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** Env values are strings: "false" must not become true, so parse the words explicitly. */
export function EnvBoolean() {
  return applyDecorators(
    Transform(({ value }) => {
      if (typeof value !== 'string') return value;
      const word = value.trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      return value;
    }),
    IsBoolean({ message: '$property must be true or false' }),
  );
}

const toNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;

// One message for the type and both bounds, so a bad value is reported once, with the range it must be in.
const rangeText = (min: number, max: number) => (max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`);

export function EnvInt(min: number, max = Number.MAX_SAFE_INTEGER) {
  const message = `$property must be a whole number ${rangeText(min, max)}`;
  return applyDecorators(Transform(toNumber), IsInt({ message }), Min(min, { message }), Max(max, { message }));
}

export function EnvNumber(min: number, max: number) {
  const message = `$property must be a number ${rangeText(min, max)}`;
  return applyDecorators(Transform(toNumber), IsNumber({}, { message }), Min(min, { message }), Max(max, { message }));
}

/** Comma-separated list; blanks dropped. */
export function EnvList() {
  return Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : value,
  );
}
