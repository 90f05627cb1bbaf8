'use strict';
/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS run by a bare node, see watchdog.js */
// Serves @vercel/cosmosdb-server over HTTPS (its bundled self-signed certificate).
//
//   node cosmos.js --host 127.0.0.1 --port 8081      (port 0: any free port)
//
// Prints one line `cosmos emulator listening at https://HOST:PORT` once bound (the parent reads
// the real port from it), and closes on SIGTERM/SIGINT. Run it through watchdog.js so it also
// stops when its parent dies. Its own launcher rather than the package's cli.js because we want
// keep-alive (≈ 600 → 4,000 ops/s) and a graceful SIGTERM.
const { createHttpsServer } = require('@vercel/cosmosdb-server');

function option(name) {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : process.argv[index + 1];
  if (value === undefined) {
    process.stderr.write(`cosmos launcher: missing --${name}\n`);
    process.exit(2);
  }
  return value;
}

const host = option('host');
const port = Number(option('port'));

const server = createHttpsServer({ keepAlive: true });
server.on('error', (err) => {
  process.stderr.write(`cosmos launcher: cannot listen on ${host}:${port}: ${err.message}\n`);
  process.exit(1);
});
server.listen(port, host, () => {
  process.stdout.write(`cosmos emulator listening at https://${host}:${server.address().port}\n`);
});

function close() {
  server.close();
  server.closeAllConnections(); // idle keep-alive sockets would otherwise hold the process open
}
process.once('SIGTERM', close);
process.once('SIGINT', close);
