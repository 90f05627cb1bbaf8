import type { RegisteredFunction } from '../core/coreShim';
import type { HostServices, TriggerListener } from '../runtime/types';
import { triggerOf } from '../runtime/types';
import type { StorageAccounts } from '../bindings/storageAccounts';
import { describeError } from '../bindings/logText';
import { BlobScheduleMonitor } from './scheduleMonitor';
import { TimerJob } from './timerJob';
import { parseSchedule, scheduleTimeZone } from './timerSchedule';

export interface TimerTriggerDeps {
  services: HostServices;
  accounts: StorageAccounts;
  hostId: string;
  onFunctionError(fn: RegisteredFunction, problem: string): void;
}

const ONE_MINUTE = 60_000;

/**
 * Timer triggers (`app.timer`): `schedule` (NCRONTAB or TimeSpan), `runOnStartup`, and `useMonitor`
 * (default: on for schedules of a minute or more) which persists the schedule status in the
 * `AzureWebJobsStorage` account so an occurrence missed while the host was down fires at start.
 * Runs on the host clock, so a VirtualClock drives it in tests.
 */
export class TimerTriggerListener implements TriggerListener {
  readonly triggerTypes = ['timerTrigger'] as const;
  private readonly jobs: TimerJob[] = [];
  private readonly timeZone: string;

  constructor(private readonly deps: TimerTriggerDeps) {
    this.timeZone = scheduleTimeZone(deps.services.env, (setting, value) => {
      deps.services.logger.log('warn', `${setting}="${value}" is not an IANA time zone (such as "Europe/Lisbon"); timer schedules use UTC.`);
    });
  }

  async start(functions: RegisteredFunction[]): Promise<void> {
    await Promise.all(functions.map(async (fn) => {
      try {
        const job = this.createJob(fn);
        await job.start();
        this.jobs.push(job);
        this.deps.services.logger.log('info', `Timer function "${fn.metadata.name}" next runs at ${job.next} (${this.timeZone} schedule).`);
      } catch (err) {
        this.deps.onFunctionError(fn, describeError(err));
      }
    }));
  }

  async stop(): Promise<void> {
    await Promise.all(this.jobs.splice(0).map((job) => job.stop()));
  }

  private createJob(fn: RegisteredFunction): TimerJob {
    const { binding } = triggerOf(fn);
    const where = `Function "${fn.metadata.name}", timer trigger schedule`;
    if (typeof binding['schedule'] !== 'string' || binding['schedule'] === '') throw new Error(`${where}: "schedule" is required.`);
    const schedule = parseSchedule(binding['schedule'], this.timeZone, where);
    const now = this.deps.services.clock.now();
    const useMonitor = typeof binding['useMonitor'] === 'boolean' ? binding['useMonitor'] : schedule.intervalAfter(now) >= ONE_MINUTE;
    let monitor: BlobScheduleMonitor | undefined;
    if (useMonitor) {
      try {
        this.deps.accounts.connection(undefined);
        monitor = new BlobScheduleMonitor(this.deps.accounts, this.deps.hostId);
      } catch (err) {
        this.deps.services.logger.log('warn', `Timer function "${fn.metadata.name}": schedule status is not persisted (${describeError(err)}).`);
      }
    }
    return new TimerJob(fn, { schedule, runOnStartup: binding['runOnStartup'] === true, monitor }, this.deps.services);
  }
}
