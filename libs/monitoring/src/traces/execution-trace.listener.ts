import { Injectable, OnModuleInit } from '@nestjs/common';
import { ExecutionEvents } from '@app/executions';
import { TraceRecorder } from './trace-recorder.service';

const ERRORS = new Set(['FAILED', 'TIMED_OUT']);

/** Every finished execution becomes a trace named by its workflow id (in whichever process ran it). */
@Injectable()
export class ExecutionTraceListener implements OnModuleInit {
  constructor(
    private readonly events: ExecutionEvents,
    private readonly recorder: TraceRecorder,
  ) {}

  onModuleInit(): void {
    this.events.onFinished((event) => {
      if (event.durationMs === null) return; // cancelled before it started: nothing ran
      this.recorder.record({
        scope: 'workflow',
        name: event.workflowId,
        at: Date.now(),
        durationMs: event.durationMs,
        status: event.status,
        error: ERRORS.has(event.status),
        id: event.executionId,
      });
    });
  }
}
