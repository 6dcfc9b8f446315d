import Redis from 'ioredis';

/**
 * The shared request client fails fast (no offline queue), so a command sent while it is still
 * connecting fails at once; one-shot callers (the CLI) wait for the connection first, bounded.
 */
export async function whenRedisReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return;
  let lastError = '';
  const onError = (error: Error) => (lastError = error.message);
  client.on('error', onError);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        client.off('ready', onReady);
        const { host, port } = client.options;
        reject(new Error(`Redis is unreachable at ${host}:${port}${lastError ? ` (${lastError})` : ''}`));
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      client.once('ready', onReady);
    });
  } finally {
    client.off('error', onError);
  }
}
