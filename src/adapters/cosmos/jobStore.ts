import type { Container, CosmosClient } from '@azure/cosmos';
import { ConflictError, NotFoundError } from '../../model/errors';
import type { JobRecord } from '../../model/jobRecord';
import { JOB_STATUSES, type JobStatus } from '../../model/status';
import type { JobPage, JobQuery, JobStore, RejectedSubmission } from '../../ports';
import { ensureContainer } from './client';
import { cosmosFailure, cosmosStatus } from './cosmosErrors';
import { decodePageToken, encodePageToken, filtersOf, pageSize } from './jobStorePaging';
import { countQuery, listQuery } from './jobStoreQuery';
import { checkRejected, checkRejectedId, parseStoredRejected } from './jobStoreRejected';
import { applyTransition, checkJobName, checkRecord, parseStoredRecord, resolveExisting, type TransitionOptions } from './jobStoreRules';
import { updateWithEtag, type EtagBackend } from './jobStoreUpdate';

export interface CosmosJobStoreOptions {
  /** A client from `createCosmosClient`; the store uses it but does not dispose it. */
  readonly client: CosmosClient;
  readonly database: string;
  /** Job records, one document per job, id = partition key = job name. Default `jobs`. */
  readonly jobsContainer?: string;
  /** Rejected submissions, id = partition key = submission id. Default `rejected-submissions`. */
  readonly rejectedContainer?: string;
  /** Attempts of an ETag-conditioned write before giving up (ConflictError). Default 5. */
  readonly maxAttempts?: number;
}

/**
 * JobStore on Cosmos DB (see the contract in src/ports.ts). Rejected submissions live in their own
 * container so that job documents are exactly JobRecords: listings and counts need no `kind`
 * filter, and that container can be given a TTL on a real account without touching jobs.
 */
export class CosmosJobStore implements JobStore {
  private readonly jobs: Container;
  private readonly rejected: Container;
  private readonly jobsWhere: string;
  private readonly rejectedWhere: string;
  private readonly etagBackend: EtagBackend = { read: (name) => this.read(name), replace: (name, next, etag) => this.replace(name, next, etag) };

  constructor(private readonly options: CosmosJobStoreOptions) {
    const database = options.client.database(options.database);
    this.jobs = database.container(options.jobsContainer ?? 'jobs');
    this.rejected = database.container(options.rejectedContainer ?? 'rejected-submissions');
    this.jobsWhere = `Cosmos DB container ${options.database}/${this.jobs.id}`;
    this.rejectedWhere = `Cosmos DB container ${options.database}/${this.rejected.id}`;
  }

  async init(): Promise<void> {
    for (const container of [this.jobs.id, this.rejected.id]) {
      await ensureContainer(this.options.client, { database: this.options.database, container, partitionKeyPath: '/id' });
    }
  }

  async create(record: JobRecord): Promise<{ record: JobRecord; created: boolean }> {
    checkJobName(record.name);
    const { _etag: _ignored, ...document } = checkRecord(record, record.name, 'the new record');
    try {
      const { resource } = await this.jobs.items.create(document);
      return { record: parseStoredRecord(resource, record.name, this.jobsWhere), created: true };
    } catch (error) {
      if (cosmosStatus(error) !== 409) throw cosmosFailure(`creating job "${record.name}"`, this.jobsWhere, error);
    }
    const existing = await this.read(record.name);
    if (existing === undefined) throw new ConflictError(`job "${record.name}" was being created concurrently and then vanished; submit it again`);
    return resolveExisting(existing, document);
  }

  async get(name: string): Promise<JobRecord | undefined> {
    checkJobName(name);
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
    let position = query.continuationToken === undefined ? undefined : decodePageToken(filters, query.continuationToken);
    const jobs: JobRecord[] = [];
    // Cosmos may return short (even empty) pages before the end: keep asking until the page is full.
    do {
      const page = await this.jobs.items
        .query(listQuery(filters), { maxItemCount: top - jobs.length, ...(position !== undefined && { continuationToken: position }) })
        .fetchNext()
        .catch((error: unknown) => Promise.reject(cosmosFailure('listing jobs', this.jobsWhere, error)));
      jobs.push(...page.resources.map((doc: { id?: unknown }) => parseStoredRecord(doc, String(doc.id), this.jobsWhere)));
      position = page.continuationToken;
    } while (position !== undefined && jobs.length < top);
    return { jobs, ...(position !== undefined && { continuationToken: encodePageToken(filters, position) }) };
  }

  async countByStatus(query: Omit<JobQuery, 'top' | 'continuationToken' | 'status'>): Promise<Partial<Record<JobStatus, number>>> {
    const filters = filtersOf({ ...query, status: undefined });
    const counts = await Promise.all(
      JOB_STATUSES.map(async (status) => {
        const { resources } = await this.jobs.items
          .query<number>(countQuery(filters, status))
          .fetchAll()
          .catch((error: unknown) => Promise.reject(cosmosFailure(`counting ${status} jobs`, this.jobsWhere, error)));
        return [status, resources[0] ?? 0] as const;
      }),
    );
    return Object.fromEntries(counts.filter(([, count]) => count > 0));
  }

  async recordRejected(submission: RejectedSubmission): Promise<void> {
    const document = checkRejected(submission);
    await this.rejected.items.upsert(document).catch((error: unknown) => Promise.reject(cosmosFailure(`recording rejected submission "${document.id}"`, this.rejectedWhere, error)));
  }

  async getRejected(id: string): Promise<RejectedSubmission | undefined> {
    checkRejectedId(id);
    const resource = await this.readDocument(this.rejected, id, `reading rejected submission "${id}"`, this.rejectedWhere);
    return resource === undefined ? undefined : parseStoredRejected(resource, id, this.rejectedWhere);
  }

  private async read(name: string): Promise<JobRecord | undefined> {
    const resource = await this.readDocument(this.jobs, name, `reading job "${name}"`, this.jobsWhere);
    return resource === undefined ? undefined : parseStoredRecord(resource, name, this.jobsWhere);
  }

  private async readDocument(container: Container, id: string, action: string, where: string): Promise<unknown> {
    try {
      const { resource, statusCode } = await container.item(id, id).read();
      return statusCode === 404 ? undefined : resource;
    } catch (error) {
      if (cosmosStatus(error) === 404) return undefined;
      throw cosmosFailure(action, where, error);
    }
  }

  private async replace(name: string, next: JobRecord, etag: string): Promise<JobRecord | 'stale'> {
    try {
      const { resource } = await this.jobs.item(name, name).replace(next, { accessCondition: { type: 'IfMatch', condition: etag } });
      return parseStoredRecord(resource, name, this.jobsWhere);
    } catch (error) {
      const status = cosmosStatus(error);
      if (status === 412) return 'stale';
      if (status === 404) throw new NotFoundError(`job "${name}" was deleted while it was being updated`, { cause: error });
      throw cosmosFailure(`updating job "${name}"`, this.jobsWhere, error);
    }
  }
}
