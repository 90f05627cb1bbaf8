/**
 * What the job orchestration may ask of the world. Activities are built from these
 * (`createActivities(deps)`); adapters in src/adapters implement them against Cosmos DB, Blob
 * Storage and local processes; pure tests use small fakes. Every adapter of a port passes the
 * same conformance suite (test/adapters/*Conformance.ts).
 */
import type { JobRecord, JobStatus, StatusChangeOptions } from './model';

// ---- Job records ------------------------------------------------------------------------------

export interface JobQuery {
  /** Any of these statuses; an empty list is no filter. */
  status?: JobStatus[];
  type?: 'command' | 'parallel';
  experimentName?: string;
  /** Every given tag must match exactly. */
  tags?: Record<string, string>;
  /** Page size, 1–1000 (default 100). Newest first. */
  top?: number;
  /** From the previous page of the same query; a token used with other filters is a ValidationError. */
  continuationToken?: string;
}

export interface JobPage {
  jobs: JobRecord[];
  continuationToken?: string;
}

/** A submission that was refused (invalid spec): kept so users can find out why. */
export interface RejectedSubmission {
  id: string;
  /** The job name, when the message had one. */
  name?: string;
  receivedAt: string;
  source: 'queue' | 'http' | 'schedule';
  /** What was received, truncated to a sane size; never includes secret values. */
  body: string;
  errors: Array<{ path: string; message: string; line?: number; col?: number }>;
}

/**
 * Job records in Cosmos DB. Contract:
 * - `create` is idempotent on the name: the same spec again returns the existing record
 *   (`created: false`); a different spec under an existing name is a ConflictError.
 * - `transition` checks the status table (InvalidTransitionError) and writes with the record's
 *   ETag; on a concurrent change it re-reads and re-applies, up to a few attempts. Its `patch` is
 *   applied in the same write and may not set id, name, type, spec, status, statusHistory,
 *   createdAt or _etag (ValidationError).
 * - `update` is the general ETag-conditioned read-modify-write behind `transition`. Errors thrown
 *   by the change pass through unchanged; a change of status must follow the transition table
 *   and the history only grows. Attempts used up → ConflictError; unknown job → NotFoundError.
 * - Records come back parsed (JobRecord), with `_etag`; a stored document that does not parse is a
 *   NonRetryableError naming the job. Invalid names and records are ValidationErrors.
 * - `countByStatus` leaves out statuses that have no jobs.
 * - `recordRejected` is idempotent on the submission id (recording it again replaces the entry).
 */
export interface JobStore {
  init(): Promise<void>;
  create(record: JobRecord): Promise<{ record: JobRecord; created: boolean }>;
  get(name: string): Promise<JobRecord | undefined>;
  update(name: string, change: (current: JobRecord) => JobRecord): Promise<JobRecord>;
  transition(name: string, to: JobStatus, options: StatusChangeOptions & { patch?: Partial<JobRecord> }): Promise<JobRecord>;
  list(query: JobQuery): Promise<JobPage>;
  countByStatus(query: Omit<JobQuery, 'top' | 'continuationToken' | 'status'>): Promise<Partial<Record<JobStatus, number>>>;
  recordRejected(submission: RejectedSubmission): Promise<void>;
  getRejected(id: string): Promise<RejectedSubmission | undefined>;
}

// ---- Artifacts: code snapshots, logs, outputs ---------------------------------------------------

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive; omitted = to the end. */
  end?: number;
}

export interface ArtifactEntry {
  /** Path relative to the output's root, with forward slashes. */
  path: string;
  size: number;
}

/**
 * Job artifacts in Blob Storage, under `<container>/<job name>/…`. Logs are append blobs written
 * while the job runs; outputs and code snapshots are folders of block blobs. Paths given by users
 * never escape the job's prefix (a `..` path is an error).
 */
export interface ArtifactStore {
  init(): Promise<void>;
  /**
   * Appends to a log (created on first write); returns its URL for the job record. An empty chunk
   * creates the log, empty, when it does not exist (and leaves an existing one as it is): that is
   * how a job's log is made to exist before its command writes anything. Appends to one
   * log from one process land in call order. With `offset` (the log's length the writer expects)
   * the append is exactly-once across retries: bytes of the chunk already in the log (an earlier
   * attempt got through) are not written again; a log of any other length is a ConflictError.
   */
  appendLog(job: string, logName: string, chunk: Buffer, offset?: number): Promise<string>;
  /**
   * Makes the log hold exactly `data` (a report rewritten when a job is redriven); returns its URL.
   * Not atomic: a reader at that moment may find the log missing or partly written.
   */
  replaceLog(job: string, logName: string, data: Buffer): Promise<string>;
  /**
   * Whole log, a byte range, or the last `tail` bytes, with the log's size; undefined when the log
   * does not exist. A range past the end is cut at the end (empty when it starts at or past it).
   */
  readLog(job: string, logName: string, range?: ByteRange | { tail: number }): Promise<{ data: Buffer; size: number } | undefined>;
  logSize(job: string, logName: string): Promise<number | undefined>;
  /**
   * Copies a local folder (the job's `code`) and returns its URI; the snapshot then holds exactly
   * that folder's files. Symbolic links are followed only to files inside the folder (others are
   * skipped); empty folders are not kept. `uploadOutput` copies the same way.
   */
  uploadSnapshot(job: string, localDir: string): Promise<string>;
  downloadSnapshot(job: string, destDir: string): Promise<void>;
  /**
   * Copies a local output folder; returns the output's URI. Without `destination` the files go to
   * `<job>/outputs/<output>/`, which then holds exactly them. With `destination` (the output's
   * `path`: a blob URL of the account or `azureml://datastores/<ds>/paths/<p>`, resolved as
   * `downloadInput` resolves URIs; always a folder) they go there instead, beside what it already
   * holds — nothing there is deleted, files of the same names are replaced — and the destination
   * is returned as given. A destination in the artifact container, or a URI not accepted, is a
   * ValidationError; a container that does not exist, a NotFoundError.
   */
  uploadOutput(job: string, output: string, localDir: string, destination?: string): Promise<string>;
  /** The files of an output, where it was uploaded (for a destination: the files this job wrote there). */
  listOutput(job: string, output: string): Promise<ArtifactEntry[]>;
  readOutputFile(job: string, output: string, path: string): Promise<NodeJS.ReadableStream | undefined>;
  /**
   * Downloads an input given as a blob URL / datastore path into destDir (created if missing).
   * A single blob becomes `destDir/<its file name>` and that path is returned; a folder (a prefix,
   * or a URI ending in "/") is written below destDir with its relative paths, and destDir is
   * returned. Nothing there → NotFoundError.
   */
  downloadInput(uri: string, destDir: string): Promise<string>;
  /**
   * The job's own bookkeeping files (`<job>/sys/<path>`: a parallel job's mini-batch manifest and
   * results), written whole — a write replaces the file — and read whole; undefined when missing.
   */
  writeSystemFile(job: string, path: string, data: Buffer): Promise<string>;
  readSystemFile(job: string, path: string): Promise<Buffer | undefined>;
}

// ---- Uploads: the local folders the CLI sends for a job ------------------------------------------

/** A file of an uploaded folder, with the size and SHA-256 the server verified. */
export interface UploadedFile {
  /** Relative to the folder, with forward slashes. */
  path: string;
  size: number;
  sha256: string;
}

/**
 * Folders uploaded by the CLI (a job's local `code`, its local data inputs), content-addressed:
 * the folder with hash `hash` (see src/jobs/api/uploadManifest.ts) lives under one prefix of a
 * datastore, which jobs name by `uri(hash)` — an `azureml://datastores/…` URI that downloadInput
 * resolves. Files arrive one by one; `complete` then makes the folder hold exactly its manifest's
 * files, and from then on it never changes: `putFile` is a ConflictError.
 */
export interface UploadStore {
  init(): Promise<void>;
  uri(hash: string): string;
  isComplete(hash: string): Promise<boolean>;
  /** The files stored so far for `hash`, as they were verified when put. */
  storedFiles(hash: string): Promise<UploadedFile[]>;
  /** Stores a file whose SHA-256 the caller verified (a file of the same path is replaced). */
  putFile(hash: string, file: UploadedFile, data: Buffer): Promise<void>;
  /** Deletes stored files that are not in `files` and marks the folder complete (again: no-op). */
  complete(hash: string, files: readonly UploadedFile[]): Promise<void>;
}

// ---- Compute ----------------------------------------------------------------------------------

export interface RunRequest {
  job: string;
  /** The shell command, with bindings already expanded and quoted. */
  command: string;
  /** Working directory (the code snapshot), created by the caller. */
  workingDir: string;
  /** Environment variables for the command (on top of a minimal base); never logged. */
  environment: Record<string, string>;
  /** The job log stdout and stderr go to while the command runs (e.g. `user_logs/std_log.txt`). */
  logName: string;
}

/**
 * What `poll` reports about a run:
 * - `running`: the command runs and its compute heartbeats.
 * - `unresponsive`: the compute still exists but has not heartbeated for longer than its
 *   threshold — the job is NotResponding; it returns to `running` when heartbeats resume.
 * - `exited`: the command ended. `exitCode` is its code, or 128 + the signal number when a signal
 *   ended it (`signal` then names it); `cancelReason` is set when `cancel` ended it. The log has
 *   been shipped completely by the time `exited` is reported.
 * - `lost`: the compute is gone without recording how the command ended (killed, machine
 *   restarted); terminal — `reason` says what is known.
 */
export type RunState =
  | { state: 'running'; pid: number; lastHeartbeat: string }
  | { state: 'unresponsive'; pid: number; lastHeartbeat: string }
  | { state: 'exited'; exitCode: number; signal?: string; endedAt: string; cancelReason?: string }
  | { state: 'lost'; reason: string };

/**
 * Somewhere commands run. `start` must return quickly (the command runs detached, as a process
 * group); `poll` is cheap and answers from any process of the host, including after a restart of
 * the host (a still-running command is re-attached, not lost); `cancel` ends the whole process
 * tree. Output is streamed to the job's log through the ArtifactStore while it runs.
 */
export interface ComputeTarget {
  readonly name: string;
  /**
   * `onExit` (optional) is called once if this compute instance sees the command end, so the
   * caller can look at the run at once instead of at its next poll. Best effort: a compute that
   * cannot tell, or a host restarted in between, never calls it; `poll` stays the truth.
   */
  start(request: RunRequest, onExit?: () => void): Promise<{ runId: string }>;
  poll(runId: string): Promise<RunState>;
  cancel(runId: string, reason: string): Promise<void>;
  /**
   * The job has ended and is done with its runs: the compute may drop what it keeps of those that
   * have ended (run records, output copies); runs still going are left alone. Optional: a compute
   * that keeps nothing per run need not have it.
   */
  removeRuns?(job: string): Promise<void>;
}

// ---- Time -------------------------------------------------------------------------------------

export interface Clock {
  now(): Date;
}
