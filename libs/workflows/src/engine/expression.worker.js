'use strict';
// Piscina worker thread: evaluates the JSONata expressions of one node against its scope.
// Plain CommonJS on purpose: worker threads get neither the jest (swc) transform nor ts paths,
// and tsconfig.build.json (allowJs) copies this file next to the compiled expression pool.
const jsonata = require('jsonata');
const { getHeapStatistics } = require('node:v8');

const CACHE_LIMIT = 5_000;
const EVALUATE_ENTRY = Symbol.for('jsonata.__evaluate_entry');
const cache = new Map();
let budget = { deadline: Infinity, heapBytes: Infinity };

class LimitExceeded extends Error {
  constructor(limit) {
    super(`${limit} limit exceeded`);
    this.limit = limit;
  }
}

// JSONata calls this before every evaluation step. Stopping here keeps the thread alive (no respawn),
// and checking the heap often matters: V8 aborts the whole process, not just this thread, when one
// big allocation overshoots resourceLimits (nodejs/node#47224), so the hard limit is only a backstop.
function guard() {
  if (Date.now() > budget.deadline) throw new LimitExceeded('time');
  if (getHeapStatistics().used_heap_size > budget.heapBytes) throw new LimitExceeded('memory');
}

function compile(source) {
  let expression = cache.get(source);
  if (expression) return expression;
  expression = jsonata(source);
  expression.assign(EVALUATE_ENTRY, guard);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value);
  cache.set(source, expression);
  return expression;
}

/**
 * A lower bound of JSON.stringify(value)'s byte length, counted only up to `cap` (never flattens
 * strings). Drops nested functions on the way, as JSON would: they cannot cross to the main thread.
 */
function jsonBytesAtLeast(value, cap, seen = 0) {
  if (seen > cap) return seen;
  switch (typeof value) {
    case 'string':
      return seen + value.length + 2;
    case 'number':
    case 'boolean':
      return seen + String(value).length;
    case 'object': {
      if (value === null) return seen + 4;
      if (isFunction(value)) return seen;
      let size = seen + 2;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length && size <= cap; i++) {
          if (isFunction(value[i])) value[i] = null;
          size = jsonBytesAtLeast(value[i], cap, size + 1);
        }
        return size;
      }
      for (const key in value) {
        if (size > cap) break;
        if (isFunction(value[key])) delete value[key];
        else size = jsonBytesAtLeast(value[key], cap, size + key.length + 4);
      }
      return size;
    }
    default:
      return seen; // undefined and functions are left out of JSON
  }
}

const isFunction = (value) =>
  typeof value === 'function' || (value !== null && typeof value === 'object' && (value._jsonata_lambda || value._jsonata_function));

/** Functions cannot cross to the main thread (and JSON drops them): a lambda result becomes undefined. */
const storable = (value) => (isFunction(value) ? undefined : value);

/**
 * task: { sources, scope, deadline (epoch ms), memoryLimitMb, maxOutputBytes }
 * returns { results: ({ value } | { error })[] } | { limit: 'time' | 'memory' } | { outputBytesAtLeast }
 */
module.exports = async function evaluate(task) {
  budget = { deadline: task.deadline, heapBytes: getHeapStatistics().used_heap_size + task.memoryLimitMb * 1_048_576 };
  const results = [];
  let outputBytes = 0;
  try {
    for (const source of task.sources) {
      try {
        const value = storable(await compile(source).evaluate(task.scope));
        outputBytes = jsonBytesAtLeast(value, task.maxOutputBytes, outputBytes);
        if (outputBytes > task.maxOutputBytes) return { outputBytesAtLeast: outputBytes };
        results.push({ value });
      } catch (error) {
        if (error instanceof LimitExceeded) return { limit: error.limit };
        results.push({ error: error && error.message ? error.message : String(error) });
      }
    }
    return { results };
  } finally {
    budget = { deadline: Infinity, heapBytes: Infinity };
  }
};

module.exports.jsonBytesAtLeast = jsonBytesAtLeast;
