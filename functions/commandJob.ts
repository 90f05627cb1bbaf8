import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { ACTIVITIES, CLIENT_ACTIVITIES, ENTITIES, ORCHESTRATIONS } from '../src/activities/names';
import { findEndedHolders } from '../src/activities/endedHolders';
import { runExitedNotice } from '../src/activities/runExited';
import { wakeQueued } from '../src/activities/wakeQueued';
import { durableJobRunner } from '../src/jobs/durableJobRunner';
import { durableOrchestrationLookup } from '../src/jobs/orchestrationLookup';
import { appDeps, disposeAppDeps } from '../src/composition';
import { commandJobOrchestrator } from '../src/orchestrations/commandJob';
import { computeSlotsEntity } from '../src/orchestrations/computeSlotsEntity';

/** The CommandJob orchestration, its activities (built in src/activities) and the compute slots entity. */

df.app.orchestration(ORCHESTRATIONS.commandJob, commandJobOrchestrator);
df.app.entity(ENTITIES.computeSlots, computeSlotsEntity);

for (const name of Object.values(ACTIVITIES)) {
  if (name === ACTIVITIES.startRun) continue;
  df.app.activity(name, { handler: async (input: unknown) => (await appDeps()).activities[name](input) });
}

// With a durable client, so the job's orchestration is told when its run ends (see runExited.ts).
df.app.activity(ACTIVITIES.startRun, {
  extraInputs: [df.input.durableClient()],
  handler: async (input: unknown, context) => (await appDeps()).activities[ACTIVITIES.startRun](input, runExitedNotice(df.getClient(context))),
});

df.app.activity(CLIENT_ACTIVITIES.wakeQueued, {
  extraInputs: [df.input.durableClient()],
  handler: (input: unknown, context) => wakeQueued(durableJobRunner(df.getClient(context)), input),
});

df.app.activity(CLIENT_ACTIVITIES.findEndedHolders, {
  extraInputs: [df.input.durableClient()],
  handler: async (input: unknown, context) => {
    const { jobs, clock } = await appDeps();
    return findEndedHolders({ jobs, clock, orchestrations: durableOrchestrationLookup(df.getClient(context)) }, input);
  },
});

// The compute's log shippers stop with the app; its runs go on and a later host re-attaches.
app.hook.appTerminate(() => disposeAppDeps());
