import type { JobRecord } from '../../src/model';

/**
 * What the job records say about a benchmark run: when the last record was created and the last
 * job ended (ms after `startedAt`), and the average time the jobs spent in each status. Taken
 * from the records' own timestamps, so the benchmark need not poll often (polling costs the host
 * CPU that it would then wrongly charge to the jobs).
 */
export interface JobTimes {
  lastCreatedMs: number;
  lastEndedMs: number;
  /** Status → average ms spent in it, in the order statuses were first seen. */
  averageInStatus: Map<string, number>;
}

export function jobTimes(records: JobRecord[], startedAt: number): JobTimes {
  const spent = new Map<string, number[]>();
  let lastCreated = 0;
  let lastEnded = 0;
  for (const record of records) {
    lastCreated = Math.max(lastCreated, Date.parse(record.createdAt));
    if (record.endedAt !== undefined) lastEnded = Math.max(lastEnded, Date.parse(record.endedAt));
    record.statusHistory.slice(0, -1).forEach((change, i) => {
      const next = record.statusHistory[i + 1]!;
      const list = spent.get(change.status) ?? [];
      list.push(Date.parse(next.at) - Date.parse(change.at));
      spent.set(change.status, list);
    });
  }
  const averageInStatus = new Map([...spent].map(([status, list]) => [status, list.reduce((a, b) => a + b, 0) / list.length]));
  return { lastCreatedMs: lastCreated - startedAt, lastEndedMs: lastEnded - startedAt, averageInStatus };
}

/** `NotStarted 120 ms, Starting 80 ms, …` */
export function formatAverages(averages: Map<string, number>): string {
  return [...averages].map(([status, ms]) => `${status} ${ms.toFixed(0)}`).join(', ');
}
