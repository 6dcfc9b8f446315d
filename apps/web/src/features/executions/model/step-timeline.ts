/** A step as the execution detail gives it (only what the timeline needs). */
export interface TimedStep {
  nodeId: string;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  attempt: number;
  attempts: Record<string, unknown>[];
}

export interface TimelineSegment {
  /** Percent of the whole run, from its start. */
  left: number;
  width: number;
  failed: boolean;
}

export interface TimelineRow {
  nodeId: string;
  status: string;
  offsetMs: number | null;
  durationMs: number | null;
  attempts: number;
  segments: TimelineSegment[];
}

export interface Timeline {
  totalMs: number;
  rows: TimelineRow[];
}

const time = (iso: unknown): number | null => {
  if (typeof iso !== 'string') return null;
  const t = new Date(iso).getTime();
  return Number.isNaN(t) ? null : t;
};

const MIN_WIDTH = 0.6; // percent: a 0 ms step still shows as a sliver

/**
 * The waterfall of a run: each step's start offset from the run's start and its duration (a running step
 * grows until `now`), with one segment per attempt when it was retried.
 */
export function stepTimeline(runStartedAt: string | null, steps: TimedStep[], now: number): Timeline {
  const starts = steps.map((s) => time(s.startedAt)).filter((t): t is number => t !== null);
  const origin = Math.min(time(runStartedAt) ?? Infinity, ...starts);
  if (!Number.isFinite(origin)) return { totalMs: 0, rows: steps.map((s) => emptyRow(s)) };
  const endOf = (s: TimedStep) => {
    const start = time(s.startedAt);
    if (start === null) return null;
    if (s.durationMs != null) return start + s.durationMs;
    return time(s.finishedAt) ?? (s.status === 'RUNNING' ? now : start);
  };
  const end = Math.max(origin, ...steps.map(endOf).filter((t): t is number => t !== null));
  const totalMs = Math.max(1, end - origin);
  const pct = (ms: number) => (ms / totalMs) * 100;
  const rows = steps.map((step): TimelineRow => {
    const start = time(step.startedAt);
    const stepEnd = endOf(step);
    if (start === null || stepEnd === null) return emptyRow(step);
    const attempts = step.attempts.length > 1 ? step.attempts : [];
    const segments = attempts.length
      ? attempts.map((a, i) => {
          const aStart = time(a.startedAt) ?? start;
          const aDuration = typeof a.durationMs === 'number' ? a.durationMs : stepEnd - aStart;
          return segment(pct(aStart - origin), pct(aDuration), i < attempts.length - 1 || Boolean(a.error));
        })
      : [segment(pct(start - origin), pct(stepEnd - start), step.status === 'FAILED' || step.status === 'TIMED_OUT')];
    return {
      nodeId: step.nodeId,
      status: step.status,
      offsetMs: start - origin,
      durationMs: stepEnd - start,
      attempts: Math.max(step.attempt, step.attempts.length, 1),
      segments,
    };
  });
  return { totalMs, rows };
}

function segment(left: number, width: number, failed: boolean): TimelineSegment {
  const clampedLeft = Math.min(Math.max(left, 0), 100 - MIN_WIDTH);
  return { left: clampedLeft, width: Math.min(Math.max(width, MIN_WIDTH), 100 - clampedLeft), failed };
}

function emptyRow(step: TimedStep): TimelineRow {
  return { nodeId: step.nodeId, status: step.status, offsetMs: null, durationMs: null, attempts: Math.max(step.attempt, 1), segments: [] };
}
