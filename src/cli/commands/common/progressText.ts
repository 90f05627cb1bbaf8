import { Format } from 'cli-progress';
import { z } from 'zod';
import { formatDuration } from './format';

/**
 * A parallel job's progress as one line — `[████████░░░░] 42% 420/1000 mini-batches · 3 failed ·
 * items 4,190 ok, 10 failed · ETA 1m 2s` — for `show` and `--stream`. The bar comes from
 * cli-progress; the ETA extrapolates the time since the job started running.
 */
export const ProgressView = z.looseObject({
  miniBatches: z.looseObject({ total: z.number(), running: z.number(), succeeded: z.number(), failed: z.number() }),
  items: z.looseObject({ succeeded: z.number(), failed: z.number() }),
});
export type ProgressView = z.infer<typeof ProgressView>;

const BAR_SIZE = 24;

export function progressLine(progress: ProgressView, startedAt: string | undefined, now: Date): string {
  const { total, succeeded, failed, running } = progress.miniBatches;
  const done = succeeded + failed;
  const fraction = total === 0 ? 1 : Math.min(1, done / total);
  const bar = Format.BarFormat(fraction, { barsize: BAR_SIZE, barCompleteString: '█'.repeat(BAR_SIZE), barIncompleteString: '░'.repeat(BAR_SIZE), barGlue: '' });
  const parts = [
    `[${bar}] ${Math.floor(fraction * 100)}% ${done}/${total} mini-batches`,
    ...(running > 0 ? [`${running} running`] : []),
    ...(failed > 0 ? [`${failed} failed`] : []),
    `items ${progress.items.succeeded.toLocaleString('en-US')} ok, ${progress.items.failed.toLocaleString('en-US')} failed`,
  ];
  const eta = etaMs(fraction, startedAt, now);
  if (eta !== undefined) parts.push(`ETA ${formatDuration(eta)}`);
  return parts.join(' · ');
}

function etaMs(fraction: number, startedAt: string | undefined, now: Date): number | undefined {
  if (startedAt === undefined || fraction <= 0 || fraction >= 1) return undefined;
  const elapsed = now.getTime() - Date.parse(startedAt);
  return elapsed > 0 ? Math.round((elapsed / fraction) * (1 - fraction)) : undefined;
}

/** The job's progress when it has one. */
export function progressOf(job: Record<string, unknown>): ProgressView | undefined {
  const parsed = ProgressView.safeParse(job['progress']);
  return parsed.success ? parsed.data : undefined;
}
