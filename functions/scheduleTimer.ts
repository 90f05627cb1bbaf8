import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { appDeps } from '../src/composition';
import { durableJobRunner } from '../src/jobs/durableJobRunner';
import { scheduleDepsOf } from '../src/schedules/appScheduleDeps';
import { fireDueSchedules } from '../src/schedules/firing/fireDueSchedules';

/**
 * Fires due schedules (src/schedules/firing). Runs on the NCRONTAB schedule of the SCHEDULE_TICK
 * app setting (default every minute, `0 * * * * *`), read when the app loads. The schedule store
 * keeps its own next tick, so the timer's own status (useMonitor) is not needed: ticks missed while
 * no host ran are handled by each schedule's catch_up.
 */
export const SCHEDULE_TICK_DEFAULT = '0 * * * * *';

app.timer('scheduleTick', {
  schedule: process.env['SCHEDULE_TICK']?.trim() || SCHEDULE_TICK_DEFAULT,
  useMonitor: false,
  extraInputs: [df.input.durableClient()],
  handler: async (_timer, context) => {
    const deps = await appDeps();
    if (deps.schedules === undefined) return; // composed without schedules (a test app)
    for (const outcome of await fireDueSchedules(scheduleDepsOf(deps, durableJobRunner(df.getClient(context))))) {
      if ('error' in outcome) context.error(`schedule ${outcome.schedule}: firing failed, to be tried again on the next tick: ${outcome.error.message}`);
      else if (outcome.jobs.length > 0 || outcome.skipped.length > 0) {
        context.log(`schedule ${outcome.schedule}: jobs ${outcome.jobs.join(', ') || 'none'}${outcome.skipped.map((skip) => `; skipped ${skip.from}${skip.to === skip.from ? '' : `..${skip.to}`}: ${skip.reason}`).join('')}; next ${outcome.next ?? 'none'}`);
      }
    }
  },
});
