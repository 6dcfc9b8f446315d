// CPU time of processes from /proc (Linux): what one request costs each part of the stack, which stays
// comparable when the machine's speed varies between runs (req/s does not).
const { readdirSync, readFileSync } = require('node:fs');

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture Node runs on

/** User + system CPU in ms of a process, or 0 once it has gone. */
function cpuMsOf(pid) {
  try {
    // Fields after the command name (which may hold spaces, hence the last ')'): utime is the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** PIDs of running processes whose command name is `name` (PostgreSQL's backends, redis-server). */
function pidsNamed(name) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // the process ended while listing
    }
  }
  return pids;
}

/** A process and its descendants. */
function withDescendants(pid) {
  let children = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    // gone
  }
  return [pid, ...children.flatMap(withDescendants)];
}

const sumOf = (pids) => pids.reduce((total, pid) => total + cpuMsOf(pid), 0);

/** CPU ms of a process with its children (the API's node:cluster processes under BENCH_API_PROCESSES). */
const processCpuMs = (pid) => sumOf(withDescendants(pid));

/** Snapshot of CPU ms per part: the API process (with its children), PostgreSQL and Redis servers found by name. */
function cpuSnapshot(apiPid) {
  return { api: processCpuMs(apiPid), postgres: sumOf(pidsNamed('postgres')), redis: sumOf(pidsNamed('redis-server')) };
}

/** CPU ms per request between two snapshots (backends that exited in between are not counted). */
function cpuPerRequest(before, after, requests) {
  const per = (key) => (after[key] - before[key]) / Math.max(1, requests);
  return { api: per('api'), postgres: per('postgres'), redis: per('redis') };
}

module.exports = { cpuSnapshot, cpuPerRequest, processCpuMs };
