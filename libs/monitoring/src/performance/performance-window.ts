import { Resolution, RESOLUTION_MS } from '../traces/trace-keys';

export const WINDOWS = { '15m': 15 * 60_000, '1h': 3_600_000, '24h': 24 * 3_600_000 } as const;
export type WindowName = keyof typeof WINDOWS;

export interface WindowSlots {
  res: Resolution;
  slots: number[];
  from: Date;
  to: Date;
  /** Seconds actually covered (the first slot starts up to one slot before now - window). */
  seconds: number;
}

/** The minute (windows up to 2 h) or hour slots whose aggregates make up the window ending now. */
export function windowSlots(windowMs: number, now = Date.now()): WindowSlots {
  const res: Resolution = windowMs <= 2 * RESOLUTION_MS.h ? 'm' : 'h';
  const size = RESOLUTION_MS[res];
  const last = Math.floor(now / size);
  const count = Math.max(1, Math.ceil(windowMs / size));
  const slots = Array.from({ length: count }, (_, i) => last - count + 1 + i);
  const from = slots[0] * size;
  return { res, slots, from: new Date(from), to: new Date(now), seconds: Math.max(1, (now - from) / 1000) };
}
