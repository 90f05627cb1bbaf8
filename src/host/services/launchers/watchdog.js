'use strict';
/* global require, process, setTimeout, setInterval */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS run by a bare node, see below */
// Runs a service entry module in this process and ends the process when its parent goes away.
//
//   node watchdog.js <entry.js> [args for the entry...]
//
// The entry runs as if started with `node <entry.js> [args...]` (process.argv is rewritten).
// The parent is considered gone when
//   - the IPC channel closes ('disconnect'): the parent exited, crashed or was SIGKILLed, or
//   - (fallback, when spawned without IPC) process.ppid changes or the parent pid stops existing.
// Then the process sends itself SIGTERM. On SIGTERM/SIGINT:
//   - if the entry handles the signal (Azurite once started, the cosmos launcher), its graceful
//     shutdown runs (Azurite closes its servers and saves its data) and we exit for good after
//     GRACE_MS if something still holds the event loop;
//   - if not (e.g. Azurite still starting), the signal takes its default action: exit now.
//
// Plain JavaScript on purpose: the child is a bare `node`, which cannot run TypeScript.
const path = require('node:path');

const GRACE_MS = 5000;
const PARENT_POLL_MS = 500;

const [entry, ...entryArgs] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('watchdog: usage: node watchdog.js <entry.js> [args...]\n');
  process.exit(2);
}

const originalParent = process.ppid;
let stopping = false;

function onSignal(signal) {
  if (process.listenerCount(signal) <= 1) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal); // only our listener: default action, terminate now
    return;
  }
  if (stopping) return;
  stopping = true;
  // Let the entry's servers be the only thing keeping us alive while they close.
  if (process.channel) process.channel.unref();
  setTimeout(() => {
    process.stderr.write(`watchdog: ${path.basename(entry)} did not stop within ${GRACE_MS} ms; exiting\n`);
    process.exit(1);
  }, GRACE_MS).unref();
}

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => onSignal(signal));

function parentIsGone() {
  if (process.ppid !== originalParent) return true;
  try {
    process.kill(originalParent, 0);
    return false;
  } catch (err) {
    return err.code === 'ESRCH';
  }
}

let parentGone = false;
function onParentGone() {
  if (parentGone) return;
  parentGone = true;
  // The entry may still log while closing; with the parent gone its pipes are broken (EPIPE).
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  process.kill(process.pid, 'SIGTERM');
}

process.on('disconnect', onParentGone);
setInterval(() => {
  if (parentIsGone()) onParentGone();
}, PARENT_POLL_MS).unref();

process.argv = [process.argv[0], path.resolve(entry), ...entryArgs];
require(path.resolve(entry));
