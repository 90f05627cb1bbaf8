import { z } from 'zod';
import { InvalidTransitionError } from './errors';

/**
 * Job statuses (Azure ML's twelve) and the transitions between them, as data.
 * Forward through the lifecycle NotStarted → Starting → Provisioning → Preparing → Queued →
 * Running → Finalizing → Completed, skipping stages that do not apply (a local job is never
 * provisioned). Any live job may be asked to cancel or may fail. Canceled is reached only through
 * CancelRequested, which may still end Completed or Failed when the job wins the race. A Running
 * job that misses heartbeats is NotResponding — the only state that may return to Running.
 * Terminal states go nowhere.
 */

export const JOB_STATUSES = [
  'NotStarted',
  'Starting',
  'Provisioning',
  'Preparing',
  'Queued',
  'Running',
  'Finalizing',
  'CancelRequested',
  'Completed',
  'Failed',
  'Canceled',
  'NotResponding',
] as const;

export const JobStatus = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatus>;

export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['Completed', 'Failed', 'Canceled']);

export const TRANSITIONS: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  NotStarted: ['Starting', 'CancelRequested', 'Failed'],
  Starting: ['Provisioning', 'Preparing', 'Queued', 'Running', 'CancelRequested', 'Failed'],
  Provisioning: ['Preparing', 'Queued', 'Running', 'CancelRequested', 'Failed'],
  Preparing: ['Queued', 'Running', 'CancelRequested', 'Failed'],
  Queued: ['Running', 'CancelRequested', 'Failed'],
  Running: ['Finalizing', 'Completed', 'NotResponding', 'CancelRequested', 'Failed'],
  Finalizing: ['Completed', 'CancelRequested', 'Failed'],
  NotResponding: ['Running', 'CancelRequested', 'Failed'],
  CancelRequested: ['Canceled', 'Completed', 'Failed'],
  Completed: [],
  Failed: [],
  Canceled: [],
};

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws InvalidTransitionError, naming both states and the allowed targets, unless from → to is in the table. */
export function assertTransition(from: JobStatus, to: JobStatus, subject?: string): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to, TRANSITIONS[from], { subject });
}
