import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that was free a moment ago. Only for programs that cannot be told to
 * listen on port 0 and report their port (the dashboard's receiver snippets take PORT and print
 * nothing): between this call and their listen another process can take the port. A Linkwire node
 * is started with `spawnNode()` instead, which reads the port from the node's own log line.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
