import { ChildProcess, spawn } from 'node:child_process';
import { BackupError } from '../backup.errors';

const STDERR_KEEP_CHARS = 4096;
const STDERR_REPORT_LINES = 5;

export interface ToolOptions {
  env?: NodeJS.ProcessEnv;
  stdin?: boolean;
  stdout?: boolean;
  signal?: AbortSignal;
  /** Added to the "not found" message: what to install. */
  installHint?: string;
}

/**
 * An external tool (pg_dump, psql, redis-cli) run with streams. `finished` rejects with a message an
 * operator can act on: the tool is missing, or it exited non-zero and this is what it printed.
 */
export class ToolProcess {
  readonly child: ChildProcess;
  readonly finished: Promise<void>;
  private stderrTail = '';

  constructor(
    readonly tool: string,
    args: string[],
    options: ToolOptions = {},
  ) {
    this.child = spawn(tool, args, {
      env: options.env,
      stdio: [options.stdin ? 'pipe' : 'ignore', options.stdout ? 'pipe' : 'ignore', 'pipe'],
      signal: options.signal,
    });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_KEEP_CHARS);
    });
    this.finished = new Promise<void>((resolve, reject) => {
      this.child.once('error', (error: NodeJS.ErrnoException) => reject(this.spawnError(error, options.installHint)));
      this.child.once('close', (code, signal) => {
        if (code === 0) resolve();
        else
          reject(new BackupError(tool, `${code === null ? `terminated by ${signal}` : `exited with code ${code}`}${this.stderrSummary()}`));
      });
    });
    // Callers await `finished` later; never let an early rejection go unhandled meanwhile.
    this.finished.catch(() => undefined);
  }

  /** What the tool printed on stderr (the last lines), for messages and reports. */
  get stderr(): string {
    return this.stderrTail.trim();
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private stderrSummary(): string {
    const lines = this.stderr.split('\n').filter((line) => line.trim());
    return lines.length ? `: ${lines.slice(-STDERR_REPORT_LINES).join(' | ')}` : '';
  }

  private spawnError(error: NodeJS.ErrnoException, hint?: string): Error {
    if (error.code === 'ENOENT') return new BackupError(this.tool, `not found on PATH${hint ? ` (${hint})` : ''}`);
    if (error.name === 'AbortError') return new BackupError(this.tool, 'cancelled', { cause: error });
    return new BackupError(this.tool, error.message, { cause: error });
  }
}

/** Runs a tool to completion and returns its stdout (short outputs only: versions, checks). */
export async function toolOutput(tool: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const run = new ToolProcess(tool, args, { env, stdout: true });
  let output = '';
  run.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await run.finished;
  return output.trim();
}

const BROKEN_PIPE = new Set(['EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_STREAM_DESTROYED']);

/**
 * Settles a stream pipeline wired to a tool and reports the root cause. When the pipeline breaks
 * only because the tool died (broken pipe), the tool's own error says why; when a stream failed for
 * a reason of its own (disk full, corrupt gzip), that reason wins over the tool's resulting SIGPIPE.
 */
export async function settleWithTool(pipelinePromise: Promise<unknown>, tool: ToolProcess): Promise<void> {
  const [streams, exit] = await Promise.allSettled([
    pipelinePromise.catch((error: unknown) => {
      tool.kill();
      throw error;
    }),
    tool.finished,
  ]);
  if (streams.status === 'rejected' && !BROKEN_PIPE.has((streams.reason as NodeJS.ErrnoException)?.code ?? '')) throw streams.reason;
  if (exit.status === 'rejected') throw exit.reason;
  if (streams.status === 'rejected') throw streams.reason;
}
