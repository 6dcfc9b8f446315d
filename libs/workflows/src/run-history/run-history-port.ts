import { Injectable } from '@nestjs/common';

/** One past run of a workflow, as the workflow list shows it (newest first). */
export interface RecentRun {
  id: string;
  status: string;
  trigger: string;
  queuedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
}

/** Reads the newest runs (editor test runs left out) of many workflows at once: one query for a whole page. */
export interface RunHistoryReader {
  recentRuns(workflowIds: string[], perWorkflow: number): Promise<Map<string, RecentRun[]>>;
}

/**
 * Where libs/executions (which owns the executions table and depends on this lib) plugs its reader in
 * while the app boots. Left empty (no executions lib in this process), lists show no run history.
 */
@Injectable()
export class RunHistoryPort {
  reader?: RunHistoryReader;

  async recentRuns(workflowIds: string[], perWorkflow: number): Promise<Map<string, RecentRun[]>> {
    if (!this.reader || workflowIds.length === 0) return new Map();
    return this.reader.recentRuns(workflowIds, perWorkflow);
  }
}
