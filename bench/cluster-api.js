// BENCH_API_PROCESSES=n: the API as n node:cluster workers sharing one port (the primary hands out
// connections round-robin), to measure whether more than one API process pays on this machine.
const cluster = require('node:cluster');

if (cluster.isPrimary) {
  const processes = Number(process.env.BENCH_API_PROCESSES ?? 2);
  for (let i = 0; i < processes; i++) cluster.fork();
  process.on('SIGTERM', () => Object.values(cluster.workers).forEach((worker) => worker.process.kill('SIGTERM')));
  cluster.on('exit', () => Object.keys(cluster.workers).length === 0 && process.exit(0));
} else {
  require('../dist/apps/api/src/main.js');
}
