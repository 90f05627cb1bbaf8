import { isRejection, poisonMessage, rejectedSubmission, type PoisonMessage } from './rejection';
import { submitJob, type SubmitDeps, type SubmitOutcome } from './submit';
import { readEnvelope, type SubmissionEnvelope } from './submission';

/** What the queue trigger knows about a message. */
export interface QueueMessageInfo {
  readonly queue: string;
  readonly messageId: string;
  readonly dequeueCount: number;
}

export type QueueSubmissionResult =
  | ({ readonly outcome: 'submitted' } & SubmitOutcome)
  /** Record the rejection, and put `poison` on `<queue>-poison`; the message is done with. */
  | { readonly outcome: 'rejected'; readonly poison: PoisonMessage };

/**
 * One message of the submission queue. An invalid submission or a name conflict is not retried:
 * it is recorded as a rejected submission (id `queue-<message id>`, the same for every delivery)
 * and comes back as the poison message to park. Anything else throws, so the queue delivers the
 * message again (and, after maxDequeueCount attempts, the host parks it unchanged).
 */
export async function handleQueueSubmission(deps: SubmitDeps, message: unknown, info: QueueMessageInfo): Promise<QueueSubmissionResult> {
  let envelope: SubmissionEnvelope | undefined;
  try {
    envelope = readEnvelope(message);
    return { outcome: 'submitted', ...(await submitJob(deps, envelope, 'message')) };
  } catch (err) {
    if (!isRejection(err)) throw err;
    const rejection = rejectedSubmission(err, {
      id: `queue-${info.messageId}`, source: 'queue', receivedAt: deps.clock.now(), original: message, name: nameOf(envelope),
    });
    await deps.jobs.recordRejected(rejection);
    return { outcome: 'rejected', poison: poisonMessage(err, rejection, { queue: info.queue, messageId: info.messageId, dequeueCount: info.dequeueCount }) };
  }
}

/** The job name a submission gives, if it gives a readable one. */
export function nameOf(envelope: SubmissionEnvelope | undefined): string | undefined {
  if (envelope === undefined) return undefined;
  if (envelope.name !== undefined) return envelope.name;
  const name = typeof envelope.job === 'object' ? envelope.job['name'] : undefined;
  return typeof name === 'string' ? name : undefined;
}
