import { AlertComparator } from '@app/database';

/** Whether the measured value crosses the rule's threshold. */
export function breaches(value: number, comparator: AlertComparator, threshold: number): boolean {
  switch (comparator) {
    case 'GT':
      return value > threshold;
    case 'GTE':
      return value >= threshold;
    case 'LT':
      return value < threshold;
    case 'LTE':
      return value <= threshold;
  }
}
