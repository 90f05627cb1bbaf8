import type { RegisteredFunction } from '../core/coreShim';
import type { HostServices } from '../runtime/types';
import { describeError, redact } from '../bindings/logText';
import { checkPastDue, iso, NEVER, statusTime, type BlobScheduleMonitor, type ScheduleStatus } from './scheduleMonitor';
import type { TimerSchedule } from './timerSchedule';

type Reason = 'schedule' | 'pastDue' | 'startup';

export interface TimerJobSettings {
  schedule: TimerSchedule;
  runOnStartup: boolean;
  /** Set when the schedule status is persisted (useMonitor). */
  monitor: BlobScheduleMonitor | undefined;
}

/**
 * One timer-triggered function on the host clock. Follows Azure's TimerListener: at start, a
 * missed occurrence (persisted status says `Next` is in the past) fires once with
 * `isPastDue: true`, else `runOnStartup` fires once; then each occurrence fires at `Next`, and
 * after each run the status becomes `{ Last: run time, Next: following occurrence }`.
 */
export class TimerJob {
  private readonly abort = new AbortController();
  private status: ScheduleStatus = { Last: NEVER, Next: NEVER, LastUpdated: NEVER };
  private loop: Promise<void> | undefined;

  constructor(private readonly fn: RegisteredFunction, private readonly settings: TimerJobSettings, private readonly services: HostServices) {}

  get name(): string {
    return this.fn.metadata.name;
  }

  async start(): Promise<void> {
    const now = this.services.clock.now();
    let startup: Reason | undefined = this.settings.runOnStartup ? 'startup' : undefined;
    const { monitor, schedule } = this.settings;
    this.status = { Last: NEVER, Next: iso(schedule.next(now)), LastUpdated: NEVER };
    if (monitor) {
      try {
        const checked = checkPastDue(await monitor.read(this.name), schedule, now);
        this.status = checked.status;
        if (checked.changed) await monitor.write(this.name, checked.status);
        if (checked.pastDue) startup = 'pastDue';
      } catch (err) {
        this.warn(`could not read or record its schedule status; missed occurrences will not be detected: ${describeError(err)}`);
      }
    }
    this.loop = this.run(startup);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  /** Where the next occurrence is, for logs and tests. */
  get next(): string {
    return this.status.Next;
  }

  private async run(startup: Reason | undefined): Promise<void> {
    if (startup) await this.services.track(this.fire(startup));
    while (!this.abort.signal.aborted) {
      if (!(await this.sleepUntilNext())) return;
      if (this.abort.signal.aborted) return;
      await this.services.track(this.fire('schedule'));
    }
  }

  /** False when stopped while sleeping. A fresh signal per sleep: clocks may keep their abort listeners. */
  private async sleepUntilNext(): Promise<boolean> {
    const sleep = new AbortController();
    const stop = (): void => sleep.abort();
    this.abort.signal.addEventListener('abort', stop, { once: true });
    try {
      await this.services.clock.sleepUntil(statusTime(this.status.Next) ?? this.services.clock.now(), sleep.signal);
      return true;
    } catch {
      return false;
    } finally {
      this.abort.signal.removeEventListener('abort', stop);
    }
  }

  private async fire(reason: Reason): Promise<void> {
    const invokedAt = this.services.clock.now();
    const { monitor, schedule } = this.settings;
    const timer = {
      Schedule: { AdjustForDST: true },
      ScheduleStatus: monitor ? this.status : null,
      IsPastDue: reason === 'pastDue',
    };
    try {
      await this.services.invoke(this.fn, { data: { json: JSON.stringify(timer) }, metadata: {}, bindingData: {} });
    } catch {
      // The invocation pipeline logged it; a failure must not stop the schedule.
    }
    const scheduledNext = statusTime(this.status.Next) ?? invokedAt;
    const adjusted = reason === 'schedule' && scheduledNext > invokedAt ? scheduledNext : invokedAt;
    this.status = { Last: iso(adjusted), Next: iso(schedule.next(adjusted)), LastUpdated: iso(adjusted) };
    if (!monitor) return;
    try {
      await monitor.write(this.name, this.status);
    } catch (err) {
      this.warn(`could not record its schedule status: ${describeError(err)}`);
    }
  }

  private warn(problem: string): void {
    this.services.logger.log('warn', `Timer function "${this.name}": ${redact(problem)}`);
  }
}
