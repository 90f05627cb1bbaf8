import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { ACTIVITIES, ENTITIES, ORCHESTRATIONS } from '../src/activities/names';
import { appDeps, disposeAppDeps } from '../src/composition';
import { commandJobOrchestrator } from '../src/orchestrations/commandJob';
import { computeSlotsEntity } from '../src/orchestrations/computeSlotsEntity';

/** The CommandJob orchestration, its activities (built in src/activities) and the compute slots entity. */

df.app.orchestration(ORCHESTRATIONS.commandJob, commandJobOrchestrator);
df.app.entity(ENTITIES.computeSlots, computeSlotsEntity);

for (const name of Object.values(ACTIVITIES)) {
  df.app.activity(name, { handler: async (input: unknown) => (await appDeps()).activities[name](input) });
}

// The compute's log shippers stop with the app; its runs go on and a later host re-attaches.
app.hook.appTerminate(() => disposeAppDeps());
