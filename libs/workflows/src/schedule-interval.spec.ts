import { shortestCronGapMs } from './schedule-interval';

describe('shortestCronGapMs', () => {
  const from = new Date('2026-01-05T10:00:00Z');

  it.each([
    ['* * * * * *', 1_000],
    ['*/10 * * * * *', 10_000],
    ['* * * * *', 60_000],
    ['0,1 * * * *', 60_000], // twice an hour, but one minute apart
    ['0 */2 * * *', 7_200_000],
    ['0 9 * * 1-5', 86_400_000],
  ])('%s fires at least %d ms apart', (cron, gap) => expect(shortestCronGapMs(cron, 'UTC', 0, from)).toBe(gap));

  it('stops early once a gap is below the bound', () => expect(shortestCronGapMs('* * * * * *', 'UTC', 60_000, from)).toBe(1_000));
});
