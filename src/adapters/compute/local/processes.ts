import { readdirSync, readFileSync } from 'node:fs';

/**
 * Process checks that survive pid reuse. A pid alone cannot tell "our runner" from an unrelated
 * process that got the same pid after ours ended (or after a reboot), so runs record an
 * *identity* next to each pid: on Linux the boot id plus the process start time (in clock ticks
 * since boot, field 22 of /proc/PID/stat), which no other process can share. Elsewhere the
 * identity is `unknown` and checks fall back to the pid alone.
 *
 * runner.js computes identities with the same rule (it is plain JavaScript and cannot import this).
 */

/** The identity of a live process; undefined when there is no such process or it is a zombie. */
export function identityOf(pid: number): string | undefined {
  const fields = statFields(pid);
  if (!fields) return process.platform !== 'linux' && pidExists(pid) ? 'unknown' : undefined;
  if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
  return `${bootId()}/${fields[19]}`;
}

/**
 * Fields 3… of /proc/PID/stat (state, ppid, pgrp, …, starttime at index 19); undefined when the
 * process does not exist. The command name before them may hold spaces and parentheses, so the
 * line is cut at its last ')'.
 */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * True when `pid` is still the process that was recorded with `identity`. When either identity is
 * not known, a live process with that pid is taken to be the same one.
 */
export function isSameProcess(pid: number, identity: string | undefined): boolean {
  const current = identityOf(pid);
  if (current === undefined) return false;
  return identity === undefined || identity === 'unknown' || current === 'unknown' || current === identity;
}

/**
 * True while the process group `pgid` — recorded when its leader had `leaderIdentity` — has a
 * member that has not ended. POSIX never hands out a pid that is in use as a process group id, so
 * a group whose leader has exited is still ours as long as no *other* process holds the leader's
 * pid. Zombies do not count: they have ended, and may wait a while for init to reap them.
 */
export function groupIsAlive(pgid: number, leaderIdentity: string | undefined): boolean {
  if (!signalGroup(pgid, 0)) return false;
  const leader = identityOf(pgid);
  if (leader !== undefined && !isSameProcess(pgid, leaderIdentity)) return false;
  return leader !== undefined || hasLiveMember(pgid);
}

/** Whether any process of group `pgid` is not a zombie (Linux: /proc; elsewhere: any member). */
function hasLiveMember(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true; // no /proc: kill(-pgid, 0) succeeded, which is all we can know
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}

/** Sends `signal` to every process of group `pgid`; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  return sendSignal(-pgid, signal);
}

/** Sends `signal` to one process; false when it no longer exists. */
export function signalProcess(pid: number, signal: NodeJS.Signals | 0): boolean {
  return sendSignal(pid, signal);
}

function sendSignal(target: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(target, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw new Error(`cannot send ${signal || 'signal 0'} to ${target < 0 ? `process group ${-target}` : `process ${target}`}: ${(error as Error).message}`, { cause: error });
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, belongs to someone else
  }
}

let cachedBootId: string | undefined;
/** Tells this boot from earlier ones: start times count from boot, so they repeat across reboots. */
function bootId(): string {
  if (cachedBootId === undefined) {
    try {
      cachedBootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    } catch {
      cachedBootId = 'no-boot-id'; // some sandboxes hide it: start times alone still tell processes apart
    }
  }
  return cachedBootId;
}
