// Starts a built app on a real loopback port (for the browser tests) and hands back its base URL.
import type { FastifyInstance } from 'fastify';

export interface RunningServer {
  /** Base URL without a trailing slash, e.g. 'http://127.0.0.1:41234'. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(app: FastifyInstance): Promise<RunningServer> {
  // Port 0: the OS picks a free port, so test files can run in parallel.
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') {
    await app.close();
    throw new Error(`expected a TCP address, got ${String(address)}`);
  }
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => app.close(),
  };
}
