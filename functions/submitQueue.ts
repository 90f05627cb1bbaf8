import { app, output } from '@azure/functions';
import * as df from 'durable-functions';
import { appDeps } from '../src/composition';
import { durableJobRunner } from '../src/jobs/durableJobRunner';
import { handleQueueSubmission } from '../src/jobs/queueSubmission';

/**
 * Job submissions from the `%JOB_SUBMISSION_QUEUE%` queue (base64 JSON `{"job": …, "name"?: …}`).
 * A rejected submission is parked on `<queue>-poison` with its errors and the invocation succeeds,
 * so it is not retried; other failures throw, and the queue delivers the message again.
 */

const poisonQueue = output.storageQueue({ queueName: '%JOB_SUBMISSION_QUEUE%-poison', connection: 'AzureWebJobsStorage' });

app.storageQueue('submitJobFromQueue', {
  queueName: '%JOB_SUBMISSION_QUEUE%',
  connection: 'AzureWebJobsStorage',
  extraInputs: [df.input.durableClient()],
  extraOutputs: [poisonQueue],
  handler: async (message, context) => {
    const deps = await appDeps();
    const result = await handleQueueSubmission(deps.submitDeps(durableJobRunner(df.getClient(context))), message, {
      queue: deps.settings.submissionQueue,
      messageId: String(context.triggerMetadata?.['id'] ?? context.invocationId),
      dequeueCount: Number(context.triggerMetadata?.['dequeueCount'] ?? 1),
    });
    if (result.outcome === 'submitted') {
      context.log(`job ${result.record.name} ${result.created ? 'submitted' : 'was already submitted'} (status ${result.record.status})`);
      return;
    }
    context.warn(`submission rejected (${result.poison.error.message}); parked on the poison queue as rejection ${result.poison.rejectionId}`);
    context.extraOutputs.set(poisonQueue, result.poison);
  },
});
