import type { ScheduleView } from '../client/schedulesClient';
import { formatTime, table } from './common/format';

/** How the schedule commands print schedules: a trigger in words, a table per schedule, a list. */

/** `cron "30 2 * * *" (Europe/Berlin)`, `every 6 hours`, `every week on monday, thursday at 09:00 (W. Europe Standard Time)`. */
export function describeTrigger(trigger: ScheduleView['trigger']): string {
  const zone = trigger.time_zone ? ` (${trigger.time_zone})` : ' (UTC)';
  if (trigger.type === 'cron') return `cron "${String(trigger['expression'])}"${zone}`;
  const interval = Number(trigger['interval']);
  const frequency = String(trigger['frequency']);
  const every = interval === 1 ? `every ${frequency}` : `every ${interval} ${frequency}s`;
  const pattern = (trigger['schedule'] ?? {}) as { hours?: number[]; minutes?: number[]; week_days?: string[]; month_days?: number[] };
  const parts = [every];
  if (pattern.week_days) parts.push(`on ${pattern.week_days.join(', ')}`);
  if (pattern.month_days) parts.push(`on day ${pattern.month_days.join(', ')}`);
  if (pattern.hours) parts.push(`at ${pattern.hours.flatMap((h) => (pattern.minutes ?? [0]).map((m) => `${pad(h)}:${pad(m)}`)).join(', ')}`);
  else if (pattern.minutes) parts.push(`at minute ${pattern.minutes.join(', ')}`);
  return `${parts.join(' ')}${zone}`;
}

export function scheduleTable(schedule: ScheduleView): string {
  const rows: string[][] = [
    ['name', schedule.name],
    ...(schedule.display_name ? [['display name', schedule.display_name]] : []),
    ['enabled', schedule.is_enabled ? 'yes' : 'no'],
    ['trigger', describeTrigger(schedule.trigger)],
    ...(schedule.trigger['start_time'] ? [['start', String(schedule.trigger['start_time'])]] : []),
    ...(schedule.trigger['end_time'] ? [['end', String(schedule.trigger['end_time'])]] : []),
    ['job', `${String(schedule.create_job['type'] ?? 'command')} job${schedule.create_job['display_name'] ? ` "${String(schedule.create_job['display_name'])}"` : ''}`],
    ['catch up', schedule.catch_up],
    ['concurrency', schedule.concurrency],
    ['last fire', formatTime(schedule.last_fire_time)],
    ['jobs created', String(schedule.jobs_created)],
  ];
  let text = table(rows);
  const upcoming = schedule.upcoming_fire_times ?? [];
  text += `\nnext fire times${schedule.is_enabled ? '' : ' (disabled)'}:\n${upcoming.length === 0 ? '  none\n' : upcoming.map((at) => `  ${formatTime(at)}\n`).join('')}`;
  if (schedule.jobs.length > 0) text += `\nlatest jobs:\n${table(schedule.jobs.slice(0, 5).map((job) => [`  ${job.name}`, job.manual ? 'run by hand' : `tick ${formatTime(job.fire_time)}`]))}`;
  if (schedule.skipped_ticks.length > 0) {
    text += `\nskipped ticks:\n${schedule.skipped_ticks.slice(0, 3).map((skip) => `  ${formatTime(skip.from)}${skip.to === skip.from ? '' : ` … ${formatTime(skip.to)}`}  ${skip.reason}\n`).join('')}`;
  }
  return text;
}

export function scheduleListText(schedules: readonly ScheduleView[]): string {
  if (schedules.length === 0) return 'no schedules\n';
  return table([
    ['NAME', 'ENABLED', 'NEXT FIRE', 'LAST FIRE', 'JOBS', 'TRIGGER'],
    ...schedules.map((s) => [s.name, s.is_enabled ? 'yes' : 'no', formatTime(s.next_fire_time ?? undefined), formatTime(s.last_fire_time), String(s.jobs_created), describeTrigger(s.trigger)]),
  ]);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
