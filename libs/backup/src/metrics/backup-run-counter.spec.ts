import { BackupRunCounter, FinishedRun } from './backup-run-counter';

const at = (minutes: number) => new Date(Date.UTC(2025, 0, 1, 2, minutes));
const run = (id: string, status: string, minutes: number): FinishedRun => ({ id, status, finishedAt: at(minutes) });

describe('BackupRunCounter', () => {
  it('counts nothing on its first read (runs before this process looked), then each new run once', () => {
    const counter = new BackupRunCounter();
    expect(counter.horizon()).toBeNull();
    expect(counter.take([run('old', 'FAILED', 0)])).toEqual([]);
    expect(counter.take([run('old', 'FAILED', 0), run('a', 'SUCCEEDED', 5)])).toEqual(['succeeded']);
    expect(counter.take([run('a', 'SUCCEEDED', 5), run('b', 'FAILED', 6)])).toEqual(['failed']);
    expect(counter.take([run('a', 'SUCCEEDED', 5), run('b', 'FAILED', 6)])).toEqual([]);
  });

  it('keeps the first outcome when a later verification flips a run', () => {
    const counter = new BackupRunCounter();
    counter.take([]);
    expect(counter.take([run('a', 'FAILED', 1)])).toEqual(['failed']);
    expect(counter.take([run('a', 'SUCCEEDED', 1)])).toEqual([]);
  });

  it('reads again a window behind the newest run, so a run committed late is still counted once', () => {
    const counter = new BackupRunCounter();
    counter.take([]);
    counter.take([run('new', 'SUCCEEDED', 30)]);
    expect(counter.horizon()).toEqual(at(20));
    expect(counter.take([run('new', 'SUCCEEDED', 30), run('late', 'FAILED', 25)])).toEqual(['failed']);
  });
});
