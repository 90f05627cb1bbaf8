import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; undefined where
 * there is no /proc (not Linux) or the process is gone. Used to split a benchmark's CPU between
 * the host and the services it talks to.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on every Linux we run on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;

/** This process's CPU time so far (ms). */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** CPU used between two readings, per process, for a fixed set of named processes. */
export class CpuMeter {
  private readonly start: Record<string, number | undefined>;

  constructor(private readonly pids: Record<string, number | undefined>) {
    this.start = this.read();
  }

  /** ms of CPU each process used since the meter was made (undefined where it cannot be read). */
  used(): Record<string, number | undefined> {
    const now = this.read();
    return Object.fromEntries(Object.keys(now).map((name) => {
      const [before, after] = [this.start[name], now[name]];
      return [name, before === undefined || after === undefined ? undefined : after - before];
    }));
  }

  private read(): Record<string, number | undefined> {
    return { host: ownCpuMs(), ...Object.fromEntries(Object.entries(this.pids).map(([name, pid]) => [name, processCpuMs(pid)])) };
  }
}
