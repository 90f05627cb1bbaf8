import type { SqlParameter, SqlQuerySpec } from '@azure/cosmos';
import type { JobStatus } from '../../model/status';
import type { JobFilters } from './jobStorePaging';

/**
 * SQL for job listings and counts, with every value passed as a parameter. Only what the Cosmos
 * DB emulator also runs: WHERE, ARRAY_CONTAINS, ORDER BY on one field, VALUE COUNT(1) — no
 * OFFSET/LIMIT (paging uses continuation tokens) and no GROUP BY (one count per status).
 */

export function listQuery(filters: JobFilters): SqlQuerySpec {
  const { where, parameters } = whereClause(filters);
  return { query: `SELECT * FROM c${where} ORDER BY c.createdAt DESC`, parameters };
}

export function countQuery(filters: JobFilters, status: JobStatus): SqlQuerySpec {
  const { where, parameters } = whereClause({ ...filters, status: [status] });
  return { query: `SELECT VALUE COUNT(1) FROM c${where}`, parameters };
}

function whereClause(filters: JobFilters): { where: string; parameters: SqlParameter[] } {
  const conditions: string[] = [];
  const parameters: SqlParameter[] = [];
  const add = (condition: string, ...values: Array<[string, SqlParameter['value']]>) => {
    conditions.push(condition);
    for (const [name, value] of values) parameters.push({ name, value });
  };
  const [only, ...more] = filters.status ?? [];
  if (only !== undefined && more.length === 0) add('c.status = @status', ['@status', only]);
  if (only !== undefined && more.length > 0) add('ARRAY_CONTAINS(@statuses, c.status)', ['@statuses', [only, ...more]]);
  if (filters.type !== undefined) add('c.type = @type', ['@type', filters.type]);
  if (filters.experimentName !== undefined) add('c.experimentName = @experiment', ['@experiment', filters.experimentName]);
  Object.entries(filters.tags ?? {}).forEach(([key, value], i) => add(`c.tags[@tagKey${i}] = @tagValue${i}`, [`@tagKey${i}`, key], [`@tagValue${i}`, value]));
  return { where: conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`, parameters };
}
