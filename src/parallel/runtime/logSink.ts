import type { ArtifactStore } from '../../ports';
import { workerLogName } from '../names';
import { Throttle } from './throttle';

/**
 * The workers' prints, shipped to the job's logs (`logs/user/stdout/worker_NNN.txt`) in chunks, at
 * most once a second, and completely at `flush()`.
 */
export class WorkerLogSink {
  private readonly pending = new Map<number, string[]>();
  private readonly throttle: Throttle;
  readonly written = new Set<number>();

  constructor(private readonly artifacts: ArtifactStore, private readonly job: string, onError: (err: unknown) => void) {
    this.throttle = new Throttle(() => this.ship(), 1_000, onError);
  }

  line(worker: number, stream: 'stdout' | 'stderr', text: string): void {
    const lines = this.pending.get(worker) ?? [];
    lines.push(stream === 'stderr' ? `[stderr] ${text}\n` : `${text}\n`);
    this.pending.set(worker, lines);
    this.throttle.poke();
  }

  flush(): Promise<void> {
    return this.throttle.flush();
  }

  private async ship(): Promise<void> {
    const batches = [...this.pending.entries()];
    this.pending.clear();
    for (const [worker, lines] of batches) {
      await this.artifacts.appendLog(this.job, workerLogName(worker), Buffer.from(lines.join('')));
      this.written.add(worker);
    }
  }
}
