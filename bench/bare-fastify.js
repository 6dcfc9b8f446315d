// Baseline for bench:webhook: the same arithmetic as echo-sum on a bare Fastify route, no platform.
const fastify = require('fastify')({ logger: false });

fastify.post('/webhook/echo-sum', async (request) => {
  const { a, b, id } = request.body;
  return { total: a + b, id };
});

fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).catch((error) => {
  console.error(error);
  process.exit(1);
});
fastify.get('/health', async () => ({ ok: true }));
process.on('SIGTERM', () => fastify.close().then(() => process.exit(0)));
