import { join } from 'node:path';
import { Piscina } from 'piscina';
import type { newQuickJSWASMModule, QuickJSWASMModule } from 'quickjs-emscripten';
import { NodeFailure } from '../node-type';

export interface CodeSandboxLimits {
  /** Worker threads running code nodes. */
  poolSize: number;
  maxOutputBytes: number;
}

export interface CodeRun {
  code: string;
  scope: { trigger: unknown; nodes: Record<string, unknown>; input: Record<string, unknown> };
  timeoutMs: number;
  memoryMb: number;
  /** The node's own timeout: aborts a task still queued or running. */
  signal?: AbortSignal;
}

type CodeAnswer = { json: string } | { error: string; kind: 'time' | 'memory' | 'thrown' | 'output' };

const WORKER_FILE = join(__dirname, 'code.worker.js');
/** If the interrupt handler has not stopped the code this long after its deadline, the thread is ended. */
const BACKSTOP_MS = 2_000;
/**
 * The release-sync build, loaded with require(): the package's own loader uses import(), which jest's
 * module sandbox refuses. (The worker threads use the default loader.)
 */
/* eslint-disable @typescript-eslint/no-require-imports -- package subpaths (exports map) that "moduleResolution": "node" cannot import */
const RELEASE_SYNC_CJS: Parameters<typeof newQuickJSWASMModule>[0] = {
  type: 'sync',
  importFFI: async () => (require('@jitl/quickjs-wasmfile-release-sync/ffi') as { QuickJSFFI: never }).QuickJSFFI,
  importModuleLoader: async () => require('@jitl/quickjs-wasmfile-release-sync/emscripten-module'),
};
/* eslint-enable @typescript-eslint/no-require-imports */
const SYNTAX_CHECK = `new Function('$trigger', '$nodes', '$input', globalThis.__code); undefined`;

/**
 * Runs code nodes in QuickJS compiled to WebAssembly, inside worker threads (piscina) so a busy
 * snippet never stalls the API's event loop. Each run gets a fresh QuickJS runtime with a memory
 * limit and an interrupt handler that stops it at its deadline, disposed afterwards (no leaks).
 */
export class CodeSandbox {
  private pool?: Piscina;
  private quickjs?: QuickJSWASMModule;
  private loading?: Promise<QuickJSWASMModule>;

  constructor(readonly limits: CodeSandboxLimits) {}

  /**
   * Loads QuickJS on this thread for the save-time syntax check. Called before checking a definition
   * with a code node, so processes that never check one never load it (~9 MB resident).
   */
  async init(): Promise<void> {
    this.loading ??= import('quickjs-emscripten').then(({ newQuickJSWASMModule }) => newQuickJSWASMModule(RELEASE_SYNC_CJS));
    this.quickjs ??= await this.loading.catch((error: unknown) => {
      this.loading = undefined; // a later save tries again
      throw error;
    });
  }

  /** A syntax error in the code (checked on this thread: parsing only, the code never runs), or null. */
  syntaxProblem(code: string): string | null {
    if (!this.quickjs) throw new Error('QuickJS is not loaded: await CodeSandbox.init() before the syntax check');
    const runtime = this.quickjs.newRuntime();
    try {
      runtime.setMemoryLimit(32 * 1024 * 1024);
      runtime.setMaxStackSize(256 * 1024);
      const deadline = Date.now() + 1_000;
      runtime.setInterruptHandler(() => Date.now() > deadline);
      const vm = runtime.newContext();
      try {
        const source = vm.newString(code);
        vm.setProp(vm.global, '__code', source);
        source.dispose();
        const result = vm.evalCode(SYNTAX_CHECK, 'check.js');
        if (!result.error) {
          result.value.dispose();
          return null;
        }
        const thrown = vm.dump(result.error) as { name?: string; message?: string; lineNumber?: number };
        result.error.dispose();
        const line = typeof thrown?.lineNumber === 'number' && thrown.lineNumber > 2 ? ` (line ${thrown.lineNumber - 2})` : '';
        return `${thrown?.name ?? 'SyntaxError'}: ${thrown?.message ?? 'invalid code'}${line}`;
      } finally {
        vm.dispose();
      }
    } finally {
      runtime.dispose();
    }
  }

  /** The JSON value the code returns; NodeFailure (permanent) when it throws or goes over a limit. */
  async run({ code, scope, timeoutMs, memoryMb, signal }: CodeRun): Promise<unknown> {
    const task = { code, scopeJson: JSON.stringify(scope), timeoutMs, memoryMb, maxOutputBytes: this.limits.maxOutputBytes };
    const backstop = AbortSignal.timeout(timeoutMs + BACKSTOP_MS);
    let answer: CodeAnswer;
    try {
      answer = await this.threads().run(task, { signal: signal ? AbortSignal.any([signal, backstop]) : backstop });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (backstop.aborted) throw new NodeFailure(`code exceeded its time limit of ${timeoutMs} ms`, true);
      throw new NodeFailure(`code could not run: ${(error as Error)?.message}`, true);
    }
    if ('error' in answer) throw new NodeFailure(answer.error, true);
    return JSON.parse(answer.json);
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private threads(): Piscina {
    // QuickJS's heap is WebAssembly memory, bounded per run by setMemoryLimit; the V8 heap only holds the task's JSON.
    this.pool ??= new Piscina({
      filename: WORKER_FILE,
      minThreads: 1,
      maxThreads: this.limits.poolSize,
      idleTimeout: 60_000,
    });
    return this.pool;
  }
}
