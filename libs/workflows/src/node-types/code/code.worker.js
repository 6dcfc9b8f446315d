'use strict';
// Piscina worker thread: runs one code node's JavaScript in QuickJS (WebAssembly). The sandbox has
// no require, process, network, filesystem or timers: only the ECMAScript built-ins and the JSON
// it is handed. Plain CommonJS, like expression.worker.js (copied next to the compiled pool).
// The apps start V8 with its baseline WebAssembly compiler only (apps/api/src/v8-flags.ts: Prisma's query
// compiler costs ~45 MB more once optimized). User code in QuickJS runs ~30 % faster (more for loops) with
// the optimizing tier, so the first code node brings it back. The flags are process-wide and read as
// code runs: from then on Prisma's hot functions are optimized too, as they were before the flag.
for (const flag of ['--no-liftoff-only', '--wasm-tier-up', '--wasm-dynamic-tiering']) require('node:v8').setFlagsFromString(flag);
const { newQuickJSWASMModule } = require('quickjs-emscripten');

/** QuickJS's own stack limit; it must trip before the host thread's stack does. */
const STACK_BYTES = 256 * 1024;
/** `new Function` parses the user's code as a function body, so it cannot break out of it. */
const WRAPPER = `(() => {
  const source = globalThis.__code;
  const scope = JSON.parse(globalThis.__scope);
  delete globalThis.__code;
  delete globalThis.__scope;
  const value = new Function('$trigger', '$nodes', '$input', source)(scope.trigger, scope.nodes, scope.input);
  const json = JSON.stringify(value);
  return json === undefined ? 'null' : json;
})()`;
/** The Function constructor puts two header lines before the body. */
const BODY_LINE_OFFSET = 2;

function describeError(thrown) {
  if (thrown === null || typeof thrown !== 'object') return `code threw ${JSON.stringify(thrown) ?? String(thrown)}`;
  const name = typeof thrown.name === 'string' ? thrown.name : 'Error';
  const line = /<input>:(\d+)/.exec(String(thrown.stack ?? ''))?.[1] ?? thrown.lineNumber;
  const where = Number(line) > BODY_LINE_OFFSET ? ` (line ${Number(line) - BODY_LINE_OFFSET})` : '';
  return `code threw ${name}: ${String(thrown.message ?? '')}${where}`;
}

let quickjs;

/** @param {{ code: string, scopeJson: string, timeoutMs: number, memoryMb: number, maxOutputBytes: number }} task */
module.exports = async function runCode(task) {
  quickjs ??= await newQuickJSWASMModule();
  const deadline = Date.now() + task.timeoutMs;
  try {
    return evaluate(quickjs, task, deadline);
  } catch (error) {
    // A host-level failure (the wasm call itself overflowed the thread's stack): the module's state is
    // unknown, so the next task gets a fresh one.
    quickjs = undefined;
    return { error: `the sandbox failed: ${error && error.message}`, kind: 'thrown' };
  }
};

function evaluate(module, { code, scopeJson, timeoutMs, memoryMb, maxOutputBytes }, deadline) {
  const runtime = module.newRuntime();
  try {
    runtime.setMemoryLimit(memoryMb * 1024 * 1024);
    runtime.setMaxStackSize(STACK_BYTES);
    runtime.setInterruptHandler(() => Date.now() > deadline);
    const vm = runtime.newContext();
    try {
      for (const [name, value] of [
        ['__code', code],
        ['__scope', scopeJson],
      ]) {
        const handle = vm.newString(value);
        vm.setProp(vm.global, name, handle);
        handle.dispose();
      }
      const result = vm.evalCode(WRAPPER, 'code.js');
      if (result.error) {
        let thrown;
        try {
          thrown = vm.dump(result.error);
        } catch {
          thrown = { name: 'InternalError', message: 'out of memory' };
        }
        result.error.dispose();
        if (Date.now() > deadline && thrown && thrown.message === 'interrupted')
          return { error: `code exceeded its time limit of ${timeoutMs} ms`, kind: 'time' };
        if (thrown && thrown.message === 'out of memory')
          return { error: `code exceeded its memory limit of ${memoryMb} MB`, kind: 'memory' };
        return { error: describeError(thrown), kind: 'thrown' };
      }
      const json = vm.getString(result.value);
      result.value.dispose();
      if (json.length > maxOutputBytes)
        return { error: `output is at least ${json.length} bytes, over the platform limit of ${maxOutputBytes} bytes`, kind: 'output' };
      return { json };
    } finally {
      vm.dispose();
    }
  } finally {
    runtime.dispose();
  }
}
