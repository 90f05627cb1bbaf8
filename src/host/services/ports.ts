import { connect, createServer } from 'node:net';

export const LOCAL_HOST = '127.0.0.1';

/**
 * A port that was free a moment ago. Another process may still take it before it is bound, so
 * prefer passing port 0 to the service itself when it can report back the port it got.
 */
export function findFreePort(host = LOCAL_HOST): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error(`Could not read the port bound on ${host}`));
      });
    });
  });
}

/** True when a TCP connection to host:port is accepted within `timeoutMs`. */
export function isListening(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (listening: boolean): void => {
      socket.destroy();
      resolve(listening);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
