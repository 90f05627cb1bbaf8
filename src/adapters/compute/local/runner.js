'use strict';
/* global require, process, setInterval, clearInterval, setTimeout, clearTimeout, Buffer */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS run by a bare node, see below */
// Runs one command of a LocalComputeTarget run and records how it ended.
//
//   node runner.js <runDir>        with the spec on stdin: {"command", "workingDir", "environment",
//                                  "heartbeatMs", "graceMs"}
//
// The host starts this file detached (its own session), so the run outlives the host. It
//   1. runs `/bin/sh -c <command>` in its own process group, stdout and stderr both appended to
//      <runDir>/output.log (the command writes the file directly; nothing passes through here),
//   2. writes pids.json (its own pid and the command's, with their identities, see processes.ts),
//      then answers one JSON line on stdout ({"ok":true,"pid":N} or {"ok":false,"error":"…"}),
//   3. touches <runDir>/heartbeat every heartbeatMs,
//   4. on SIGTERM (a cancel): SIGTERM to the command's group, SIGKILL graceMs later,
//   5. when the command ends: SIGKILL to what is left of its group (background children), waits
//      until the group is gone (so output.log is final), writes exit.json atomically and exits.
// The environment (it may hold secrets) arrives on stdin, never in argv or on disk; this process
// itself runs with a minimal environment so nothing meant for the command (NODE_OPTIONS…) affects it.
// Plain JavaScript on purpose: the child is a bare `node`, which cannot run TypeScript.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { constants } = require('node:os');

const runDir = process.argv[2];
const file = (name) => path.join(runDir, name);
const GROUP_GONE_WAIT_MS = 2000;

process.stdout.on('error', () => {}); // the host may be gone before it reads our answer

function writeAtomic(name, text) {
  const temp = file(`${name}.${process.pid}.tmp`);
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file(name));
}

// Same rules as identityOf() and groupIsAlive() in processes.ts (see there).
function statFields(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function identityOf(pid) {
  const fields = statFields(pid);
  if (!fields) return process.platform === 'linux' ? undefined : 'unknown';
  if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
  return `${bootId()}/${fields[19]}`;
}

function bootId() {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'no-boot-id';
  }
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}

// Zombies do not count: they have ended, and init may take a while to reap them.
function groupIsAlive(pgid) {
  if (!signalGroup(pgid, 0)) return false;
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return true;
  }
  return entries.some((entry) => {
    const fields = /^\d+$/.test(entry) ? statFields(entry) : undefined;
    return fields !== undefined && Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X';
  });
}

function answer(message, then) {
  process.stdout.write(`${JSON.stringify(message)}\n`, () => then());
}

function run(spec) {
  const out = fs.openSync(file('output.log'), 'a');
  fs.writeFileSync(file('heartbeat'), '');
  const child = spawn('/bin/sh', ['-c', spec.command], {
    cwd: spec.workingDir, env: spec.environment, detached: true, stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  child.once('error', (err) => answer({ ok: false, error: `cannot start /bin/sh in ${spec.workingDir}: ${err.message}` }, () => process.exit(1)));
  child.once('spawn', () => {
    const pgid = child.pid;
    writeAtomic('pids.json', JSON.stringify({
      runner: { pid: process.pid, identity: identityOf(process.pid) },
      command: { pid: pgid, identity: identityOf(pgid) },
    }));
    const heartbeat = setInterval(() => {
      const now = new Date();
      try { fs.utimesSync(file('heartbeat'), now, now); } catch { /* run dir removed: nothing to tell */ }
    }, spec.heartbeatMs);
    let canceled = false;
    let exited = false;
    let killTimer;
    process.on('SIGTERM', () => {
      if (canceled || exited) return;
      canceled = true;
      signalGroup(pgid, 'SIGTERM');
      killTimer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), spec.graceMs);
    });
    child.once('exit', (code, signal) => {
      exited = true;
      clearTimeout(killTimer);
      signalGroup(pgid, 'SIGKILL');
      const waitUntil = Date.now() + GROUP_GONE_WAIT_MS;
      const finish = () => {
        if (groupIsAlive(pgid) && Date.now() < waitUntil) return void setTimeout(finish, 20);
        clearInterval(heartbeat);
        writeAtomic('exit.json', JSON.stringify({
          exitCode: code ?? 128 + (constants.signals[signal] ?? 0),
          ...(signal ? { signal } : {}),
          endedAt: new Date().toISOString(),
          ...(canceled ? { cancelReason: cancelReason() } : {}),
        }));
        process.exit(0);
      };
      finish();
    });
    answer({ ok: true, pid: pgid }, () => process.stdout.destroy());
  });
}

function cancelReason() {
  try {
    const { reason } = JSON.parse(fs.readFileSync(file('cancel.json'), 'utf8'));
    if (typeof reason === 'string') return reason;
  } catch { /* no request on disk: someone else sent SIGTERM */ }
  return 'the runner received SIGTERM';
}

process.on('SIGHUP', () => {}); // no terminal, but never die of a hang-up
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  try {
    run(JSON.parse(Buffer.concat(chunks).toString('utf8')));
  } catch (err) {
    answer({ ok: false, error: `runner failed: ${err.message}` }, () => process.exit(1));
  }
});
