import { setImmediate as nextTurn } from 'node:timers/promises';
import type { JobRecord } from '../../model/jobRecord';
import { JOB_STATUSES, type JobStatus } from '../../model/status';
import type { JobPage, JobQuery, JobStore, RejectedSubmission } from '../../ports';
import { decodePageToken, encodePageToken, filtersOf, pageSize, type JobFilters } from '../cosmos/jobStorePaging';
import { checkRejected, checkRejectedId, parseStoredRejected } from '../cosmos/jobStoreRejected';
import { applyTransition, checkJobName, checkRecord, parseStoredRecord, resolveExisting, type TransitionOptions } from '../cosmos/jobStoreRules';
import { updateWithEtag, type EtagBackend } from '../cosmos/jobStoreUpdate';

export interface MemoryJobStoreOptions {
  /** Attempts of an ETag-conditioned write before giving up (ConflictError). Default 5. */
  readonly maxAttempts?: number;
}

const WHERE = 'the in-memory job store';

/**
 * A JobStore in memory with the semantics of CosmosJobStore — the shared rules, ETags, conflicts,
 * paging tokens — for pure unit tests. Every operation yields to the event loop before it touches
 * the data, so concurrent calls interleave (and race on ETags) as they do against a server.
 * Documents are kept as plain JSON and parsed on every read, like Cosmos documents.
 */
export class MemoryJobStore implements JobStore {
  private readonly jobs = new Map<string, Record<string, unknown>>();
  private readonly rejected = new Map<string, RejectedSubmission>();
  private version = 0;
  private readonly etagBackend: EtagBackend = {
    read: async (name) => {
      await nextTurn();
      return this.read(name);
    },
    replace: async (name, next, etag) => {
      await nextTurn();
      if (this.jobs.get(name)?.['_etag'] !== etag) return 'stale';
      return this.write(next);
    },
  };

  constructor(private readonly options: MemoryJobStoreOptions = {}) {}

  async init(): Promise<void> {}

  async create(record: JobRecord): Promise<{ record: JobRecord; created: boolean }> {
    checkJobName(record.name);
    const { _etag: _ignored, ...document } = checkRecord(record, record.name, 'the new record');
    await nextTurn();
    const existing = this.read(record.name);
    if (existing !== undefined) return resolveExisting(existing, document);
    return { record: this.write(document), created: true };
  }

  async get(name: string): Promise<JobRecord | undefined> {
    checkJobName(name);
    await nextTurn();
    return this.read(name);
  }

  async update(name: string, change: (current: JobRecord) => JobRecord): Promise<JobRecord> {
    checkJobName(name);
    return updateWithEtag(this.etagBackend, name, change, { ...(this.options.maxAttempts !== undefined && { maxAttempts: this.options.maxAttempts }) });
  }

  async transition(name: string, to: JobStatus, options: TransitionOptions): Promise<JobRecord> {
    return this.update(name, (current) => applyTransition(current, to, options));
  }

  async list(query: JobQuery): Promise<JobPage> {
    const filters = filtersOf(query);
    const top = pageSize(query.top);
    const after = query.continuationToken === undefined ? undefined : (JSON.parse(decodePageToken(filters, query.continuationToken)) as [string, string]);
    await nextTurn();
    const matching = this.matching(filters)
      .sort((a, b) => compareDesc(a.createdAt, b.createdAt) || compareDesc(a.id, b.id))
      .filter((job) => after === undefined || job.createdAt < after[0] || (job.createdAt === after[0] && job.id < after[1]));
    const jobs = matching.slice(0, top);
    const last = jobs[jobs.length - 1];
    const more = matching.length > top && last !== undefined;
    return { jobs, ...(more && { continuationToken: encodePageToken(filters, JSON.stringify([last.createdAt, last.id])) }) };
  }

  async countByStatus(query: Omit<JobQuery, 'top' | 'continuationToken' | 'status'>): Promise<Partial<Record<JobStatus, number>>> {
    await nextTurn();
    const jobs = this.matching(filtersOf({ ...query, status: undefined }));
    const counts = JOB_STATUSES.map((status) => [status, jobs.filter((job) => job.status === status).length] as const);
    return Object.fromEntries(counts.filter(([, count]) => count > 0));
  }

  async recordRejected(submission: RejectedSubmission): Promise<void> {
    const document = checkRejected(submission);
    await nextTurn();
    this.rejected.set(document.id, structuredClone(document));
  }

  async getRejected(id: string): Promise<RejectedSubmission | undefined> {
    checkRejectedId(id);
    await nextTurn();
    const document = this.rejected.get(id);
    return document === undefined ? undefined : parseStoredRejected(structuredClone(document), id, WHERE);
  }

  /** Test hook: stores a document as given, unchecked, e.g. to see how reads handle a corrupted one. */
  putRawDocument(document: Record<string, unknown> & { id: string }): void {
    this.jobs.set(document.id, { ...structuredClone(document), _etag: this.nextEtag() });
  }

  private read(name: string): JobRecord | undefined {
    const document = this.jobs.get(name);
    return document === undefined ? undefined : parseStoredRecord(structuredClone(document), name, WHERE);
  }

  private write(record: JobRecord): JobRecord {
    const document = { ...structuredClone(record), _etag: this.nextEtag() };
    this.jobs.set(record.name, document);
    return parseStoredRecord(structuredClone(document), record.name, WHERE);
  }

  private matching(filters: JobFilters): JobRecord[] {
    return [...this.jobs.keys()]
      .map((name) => this.read(name) as JobRecord)
      .filter((job) => filters.status === undefined || filters.status.includes(job.status))
      .filter((job) => filters.type === undefined || job.type === filters.type)
      .filter((job) => filters.experimentName === undefined || job.experimentName === filters.experimentName)
      .filter((job) => Object.entries(filters.tags ?? {}).every(([key, value]) => job.tags[key] === value));
  }

  private nextEtag(): string {
    return `"memory-${++this.version}"`;
  }
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
