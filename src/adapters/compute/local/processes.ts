import { readFileSync } from 'node:fs';

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
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    if (process.platform === 'linux') return undefined;
    return pidExists(pid) ? 'unknown' : undefined;
  }
  // `pid (comm) state … starttime`: comm may hold spaces and parentheses, so cut at the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
  return `${bootId()}/${fields[19]}`;
}

/** True when `pid` is still the process that was recorded with `identity`. */
export function isSameProcess(pid: number, identity: string | undefined): boolean {
  const current = identityOf(pid);
  return current !== undefined && (current === identity || current === 'unknown' || identity === 'unknown');
}

/**
 * True while the process group `pgid` — recorded when its leader had `leaderIdentity` — has a
 * member. POSIX never hands out a pid that is in use as a process group id, so a group whose
 * leader has exited is still ours as long as no *other* process holds the leader's pid.
 */
export function groupIsAlive(pgid: number, leaderIdentity: string | undefined): boolean {
  if (!signalGroup(pgid, 0)) return false;
  const leader = identityOf(pgid);
  return leader === undefined || isSameProcess(pgid, leaderIdentity);
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
function bootId(): string {
  cachedBootId ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  return cachedBootId;
}
