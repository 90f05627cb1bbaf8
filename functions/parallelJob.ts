import * as df from 'durable-functions';
import { appDeps } from '../src/composition';
import { parallelJobOrchestrator } from '../src/orchestrations/parallelJob';
import { parallelShardOrchestrator } from '../src/orchestrations/parallelShard';
import { PARALLEL_ACTIVITIES, PARALLEL_ORCHESTRATIONS } from '../src/parallel/names';

/** The ParallelJob orchestration, its shards and its activities (built in src/parallel/activities). */

df.app.orchestration(PARALLEL_ORCHESTRATIONS.job, parallelJobOrchestrator);
df.app.orchestration(PARALLEL_ORCHESTRATIONS.shard, parallelShardOrchestrator);

for (const name of Object.values(PARALLEL_ACTIVITIES)) {
  df.app.activity(name, { handler: async (input: unknown) => (await appDeps()).parallelActivities[name](input) });
}
