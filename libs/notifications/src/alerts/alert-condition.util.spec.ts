import { breaches } from './alert-condition.util';

describe('breaches', () => {
  it.each([
    [5, 'GT', 4, true],
    [4, 'GT', 4, false],
    [4, 'GTE', 4, true],
    [3, 'LT', 4, true],
    [4, 'LT', 4, false],
    [4, 'LTE', 4, true],
  ] as const)('%s %s %s = %s', (value, comparator, threshold, expected) => expect(breaches(value, comparator, threshold)).toBe(expected));
});
