import { open } from 'node:fs/promises';
import type { RunFiles, RunMeta } from './runFiles';

/**
 * Where a run's output goes while it runs: the orchestrator wires it to `ArtifactStore.appendLog`.
 * `offset` is where `chunk` starts in the log. Chunks arrive in order, each starting where the last
 * one ended — except after a host died between an append and recording it in `shipped`: the next
 * host then re-sends from the recorded offset, so its first chunk may begin with bytes the sink
 * already holds (the same bytes; the chunk may be longer). A sink that knows its log's length
 * (an append blob: its size, or a failed `appendPosition` condition) appends only
 * `chunk.subarray(length - offset)` and shipping is exactly-once; a sink that ignores `offset`
 * may repeat up to one chunk after such a crash.
 */
export type LogSink = (job: string, logName: string, chunk: Buffer, offset: number) => Promise<unknown>;

export interface ShipperSettings {
  /** How often a live run's output is shipped. */
  readonly intervalMs: number;
  /** Largest chunk handed to the sink (append blobs take at most 4 MiB per block). */
  readonly chunkBytes: number;
}

/**
 * Tails one run's `output.log` from the persisted `shipped` offset into a LogSink, in order, one
 * chunk at a time. The offset is written after every successful append, so a new host (or a new
 * LocalComputeTarget) carries on where the previous one stopped. Failed appends are retried at the
 * next tick; `drain()` reports them to its caller.
 */
export class LogShipper {
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly run: RunFiles,
    private readonly meta: RunMeta,
    private readonly sink: LogSink,
    private readonly settings: ShipperSettings,
  ) {}

  /** Ships everything `output.log` holds now. Calls are serialized; rejects when an append fails. */
  drain(): Promise<void> {
    const shipped = this.chain.then(() => this.shipAvailable());
    this.chain = shipped.catch(() => undefined);
    return shipped;
  }

  /**
   * Ships every interval until `isFinal()` — asked *before* each drain, so the drain after a "yes"
   * sees the complete file — then calls `onDone`.
   */
  follow(isFinal: () => Promise<boolean>, onDone: () => void): void {
    const tick = async (): Promise<void> => {
      let final = false;
      try {
        final = await isFinal();
        await this.drain();
      } catch {
        final = false; // sink or disk trouble: retry at the next tick; poll() reports it
      }
      if (this.stopped) return;
      if (final) {
        this.stopped = true;
        onDone();
        return;
      }
      this.timer = setTimeout(() => void tick(), this.settings.intervalMs).unref();
    };
    void tick();
  }

  /** Stops following; resolves once an append in flight has finished and its offset is saved. */
  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    return this.chain;
  }

  private async shipAvailable(): Promise<void> {
    let offset = await this.run.shipped();
    const file = await open(this.run.file('output.log'), 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!file) return;
    try {
      const { size } = await file.stat();
      while (offset < size) {
        const chunk = Buffer.alloc(Math.min(this.settings.chunkBytes, size - offset));
        const { bytesRead } = await file.read(chunk, 0, chunk.length, offset);
        if (bytesRead === 0) break;
        await this.sink(this.meta.job, this.meta.logName, chunk.subarray(0, bytesRead), offset);
        offset += bytesRead;
        await this.run.writeShipped(offset);
      }
    } finally {
      await file.close();
    }
  }
}
