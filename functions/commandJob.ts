import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { ACTIVITIES, CLIENT_ACTIVITIES, ENTITIES, ORCHESTRATIONS } from '../src/activities/names';
import { findEndedHolders } from '../src/activities/endedHolders';
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
  df.app.activity(name, { handler: async (input: unknown) => (await appDeps()).activities[name](input) });
}

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
