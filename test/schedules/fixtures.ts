import { parseSchedule } from '../../src/schedules/model/parseSchedule';
import { newScheduleRecord, type ScheduleRecord } from '../../src/schedules/model/scheduleRecord';
import type { NormalizedSchedule } from '../../src/schedules/model/scheduleSpec';

/** Schedules and records for tests. */

export const T0 = Date.parse('2026-03-23T00:00:00Z');

export function scheduleSpec(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    trigger: { type: 'cron', expression: '0 * * * *' },
    create_job: { type: 'command', command: 'echo tick', environment: 'azureml:env@latest' },
    ...overrides,
  };
}

export function schedule(name: string, overrides: Record<string, unknown> = {}): NormalizedSchedule {
  return parseSchedule(scheduleSpec(name, overrides));
}

export function scheduleRecord(name: string, overrides: Partial<ScheduleRecord> = {}, spec: Record<string, unknown> = {}): ScheduleRecord {
  return { ...newScheduleRecord(schedule(name, spec), new Date(T0), T0 + 3_600_000), ...overrides };
}
