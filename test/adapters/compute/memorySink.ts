import type { LogSink } from '../../../src/adapters/compute/local';

/**
 * An in-memory log sink that checks what the contract promises: every chunk starts exactly where
 * the log ends (`offset`), so a duplicated or skipped byte fails the append instead of slipping by.
 * `failing` makes appends throw, as an unreachable blob service would.
 */
export class MemorySink {
  readonly appends: Array<{ job: string; logName: string; offset: number; length: number }> = [];
  failing: Error | undefined;
  private readonly logs = new Map<string, Buffer[]>();

  readonly sink: LogSink = async (job, logName, chunk, offset) => {
    if (this.failing) throw this.failing;
    const size = this.size(job, logName);
    if (offset !== size) throw new Error(`${job}/${logName}: append at offset ${offset}, but the log holds ${size} bytes`);
    const parts = this.logs.get(`${job}/${logName}`) ?? [];
    parts.push(Buffer.from(chunk));
    this.logs.set(`${job}/${logName}`, parts);
    this.appends.push({ job, logName, offset, length: chunk.length });
  };

  bytes(job: string, logName = 'user_logs/std_log.txt'): Buffer {
    return Buffer.concat(this.logs.get(`${job}/${logName}`) ?? []);
  }

  text(job: string, logName = 'user_logs/std_log.txt'): string {
    return this.bytes(job, logName).toString('utf8');
  }

  size(job: string, logName = 'user_logs/std_log.txt'): number {
    return (this.logs.get(`${job}/${logName}`) ?? []).reduce((sum, part) => sum + part.length, 0);
  }
}
