'use strict';
/*
 * The job list (`…/studio`): jobs newest first from GET /api/jobs, filtered by status, type and
 * experiment (kept in the page's URL, so a filtered list can be shared), the counts per status,
 * and more pages on request. The first page refreshes itself every 10 s.
 */
(() => {
  const { STATUSES, call, el, fill, notice, statusBadge, studioUrl, jobPath, formatTime, formatDuration } = window.DJ;
  const PAGE_SIZE = 50;
  const REFRESH_MS = 10_000;
  const params = new URLSearchParams(location.search);
  const filters = { status: params.get('status') ?? '', type: params.get('type') ?? '', experiment: params.get('experiment') ?? '' };
  let continuation;
  let timer;

  const rows = el('tbody');
  const counts = el('p', { class: 'counts', id: 'counts' });
  const more = el('button', { type: 'button', hidden: true, onclick: () => void load(true) }, 'More jobs');

  function filterForm() {
    const status = el('select', { name: 'status', 'aria-label': 'status' }, el('option', { value: '' }, 'every status'), STATUSES.map((s) => el('option', { value: s, selected: s === filters.status }, s)));
    const type = el('select', { name: 'type', 'aria-label': 'type' }, el('option', { value: '' }, 'every type'), ['command', 'parallel'].map((t) => el('option', { value: t, selected: t === filters.type }, t)));
    const experiment = el('input', { name: 'experiment', placeholder: 'experiment', value: filters.experiment, 'aria-label': 'experiment' });
    return el('form', {
      class: 'filters',
      onsubmit: (event) => {
        event.preventDefault();
        location.assign(studioUrl('', { status: status.value, type: type.value, experiment: experiment.value.trim() }));
      },
    }, status, type, experiment, el('button', { type: 'submit' }, 'Filter'));
  }

  function row(job) {
    return el('tr', {},
      el('td', {}, el('a', { href: studioUrl(`/${jobPath(job.name)}`) }, job.name)),
      el('td', {}, job.display_name ?? ''),
      el('td', {}, statusBadge(job.status)),
      el('td', {}, job.type),
      el('td', {}, job.experiment_name ?? ''),
      el('td', {}, formatTime(job.creation_context?.created_at)),
      el('td', {}, formatDuration(job.start_time, job.end_time)));
  }

  async function load(append) {
    clearTimeout(timer);
    const query = { top: PAGE_SIZE, ...filters, ...(append && continuation ? { continuationToken: continuation } : {}), counts: append ? 'false' : undefined };
    try {
      const page = await (await call('jobs', { query })).json();
      const built = page.jobs.map(row);
      if (append) rows.append(...built);
      else fill(rows, ...built);
      continuation = page.continuation_token;
      more.hidden = !continuation;
      if (!append) {
        const parts = Object.entries(page.counts ?? {}).map(([status, n]) => `${n} ${status}`);
        fill(counts, `${page.total ?? rows.children.length} job${page.total === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`);
      }
      if (rows.children.length === 0) fill(rows, el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No jobs match.')));
      notice('');
    } catch (err) {
      notice(err.message);
    }
    if (!append) timer = setTimeout(() => void load(false), REFRESH_MS);
  }

  document.addEventListener('DOMContentLoaded', () => {
    document.title = 'Jobs · durable-jobs studio';
    const table = el('table', { class: 'jobs' },
      el('thead', {}, el('tr', {}, ['Name', 'Display name', 'Status', 'Type', 'Experiment', 'Created', 'Duration'].map((h) => el('th', {}, h)))), rows);
    document.getElementById('main').replaceChildren(el('h1', {}, 'Jobs'), filterForm(), counts, table, more);
    void load(false);
  });
})();
