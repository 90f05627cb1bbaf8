'use strict';
/*
 * One job's page (`…/studio/jobs/<name>`): its display name, status with its history, error,
 * inputs and outputs (each output's files, from the outputs API), tags, command, compute, the
 * std_log — followed live while the job runs, by byte range from where the last read stopped —
 * its log files, the job as YAML, and a cancel button while the job has not ended. Everything
 * comes from the job API; every value is put in as text.
 */
(() => {
  const { TERMINAL, call, el, fill, notice, statusBadge, studioUrl, apiUrl, jobPath, formatTime, formatDuration, formatBytes } = window.DJ;
  const STD_LOG = 'user_logs/std_log.txt';
  const REFRESH_MS = 2_000;
  /** A long log is shown from its last 256 KiB. */
  const FIRST_READ_BYTES = 256 * 1024;
  const name = decodeURIComponent(location.pathname.slice(location.pathname.lastIndexOf('/jobs/') + '/jobs/'.length).replace(/\/+$/, ''));
  const jobApi = jobPath(name);

  const regions = {
    head: el('section', { id: 'job-head' }),
    error: el('section', { id: 'job-error', hidden: true }),
    details: el('section', { id: 'job-details' }),
    history: el('section', { id: 'job-history' }),
    io: el('section', { id: 'job-io' }),
    log: el('section', { id: 'job-log' }),
    yaml: el('section', { id: 'job-yaml' }),
  };
  const logText = el('pre', { class: 'log', id: 'std-log', tabindex: 0 });
  const logNote = el('p', { class: 'muted', id: 'log-note' });
  const logFiles = el('ul', { class: 'log-files', id: 'log-files' });
  let logOffset;
  let logCut = false;
  let decoder = new TextDecoder();
  let ended = false;
  let yamlShown = false;

  // ---- the job ---------------------------------------------------------------------------------

  function renderHead(job) {
    const cancel = TERMINAL.has(job.status) || job.status === 'CancelRequested' ? null : cancelForm();
    fill(regions.head,
      el('h1', { id: 'display-name' }, job.display_name || job.name),
      el('p', { class: 'subtitle' }, el('span', { id: 'job-name' }, job.name), ' · ', el('span', { id: 'job-status' }, statusBadge(job.status)),
        job.start_time ? ` · ${formatDuration(job.start_time, job.end_time)}` : ''),
      cancel);
  }

  function renderError(job) {
    regions.error.hidden = !job.error;
    if (job.error) fill(regions.error, el('h2', {}, 'Error'), el('p', {}, el('strong', { id: 'error-code' }, job.error.code)), el('pre', { class: 'error', id: 'error-message' }, job.error.message));
  }

  function renderDetails(job) {
    const env = typeof job.environment === 'string' ? job.environment : JSON.stringify(job.environment);
    const facts = [
      ['Type', job.type], ['Experiment', job.experiment_name], ['Compute', job.compute ?? 'local'], ['Environment', env],
      ['Created', formatTime(job.creation_context?.created_at)], ['Started', formatTime(job.start_time)], ['Ended', formatTime(job.end_time)],
      ['Description', job.description],
    ].filter(([, value]) => value);
    const tags = Object.entries(job.tags ?? {});
    const variables = Object.entries(job.environment_variables ?? {});
    fill(regions.details,
      el('h2', {}, 'Details'),
      el('dl', { class: 'facts' }, facts.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)])),
      job.command ? [el('h3', {}, 'Command'), el('pre', { class: 'command', id: 'command' }, job.command)] : null,
      tags.length ? [el('h3', {}, 'Tags'), el('ul', { class: 'tags', id: 'tags' }, tags.map(([k, v]) => el('li', {}, el('span', { class: 'tag-key' }, k), v === '' ? '' : ` ${v}`)))] : null,
      variables.length ? [el('h3', {}, 'Environment variables'), table(['Name', 'Value'], variables.map(([k, v]) => [k, v]))] : null);
  }

  function renderHistory(job) {
    fill(regions.history, el('h2', {}, 'Status history'), table(['Status', 'At', 'Reason'],
      job.status_history.map((change) => [statusBadge(change.status), formatTime(change.at), change.reason ?? '']), 'history'));
  }

  function renderIo(job) {
    const inputs = Object.entries(job.inputs ?? {}).map(([input, spec]) => {
      if (spec === null || typeof spec !== 'object') return [input, 'literal', String(spec)];
      return [input, [spec.type, spec.mode].filter(Boolean).join(' · '), spec.path ?? (spec.default !== undefined ? String(spec.default) : '')];
    });
    const outputs = Object.entries(job.outputs ?? {}).map(([output, spec]) => {
      const files = el('div', { class: 'files' });
      const show = el('button', { type: 'button', onclick: () => void listFiles(output, files, show) }, 'Files');
      return [output, [spec?.type ?? 'uri_folder', spec?.mode].filter(Boolean).join(' · '), el('div', {}, spec?.path ?? '', files), show];
    });
    fill(regions.io,
      el('h2', {}, 'Inputs'), inputs.length ? table(['Name', 'Kind', 'Value or path'], inputs, 'inputs') : el('p', { class: 'muted' }, 'No inputs.'),
      el('h2', {}, 'Outputs'), outputs.length ? table(['Name', 'Kind', 'Where', ''], outputs, 'outputs') : el('p', { class: 'muted' }, 'No outputs.'));
  }

  async function listFiles(output, into, button) {
    button.disabled = true;
    try {
      const answer = await (await call(`${jobApi}/outputs/${encodeURIComponent(output)}`)).json();
      fill(into, answer.files.length === 0
        ? el('p', { class: 'muted' }, 'No files (yet).')
        : el('ul', {}, answer.files.map((file) => el('li', {}, el('a', { href: apiUrl(`${jobApi}/outputs/${encodeURIComponent(output)}`, { path: file.path }, true), download: '' }, file.path), ` (${formatBytes(file.size)})`))));
    } catch (err) {
      fill(into, el('p', { class: 'error' }, err.message));
    } finally {
      button.disabled = false;
    }
  }

  function renderLogFiles(job) {
    const links = Object.keys(job.log_files ?? {}).map((log) => el('li', {}, el('a', { href: apiUrl(`${jobApi}/logs/${log.split('/').map(encodeURIComponent).join('/')}`, {}, true) }, log)));
    fill(logFiles, ...(links.length ? links : [el('li', { class: 'muted' }, 'No logs yet.')]));
  }

  function table(headings, rows, id) {
    return el('table', { ...(id && { id }) }, el('thead', {}, el('tr', {}, headings.map((h) => el('th', {}, h)))),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((cell) => el('td', {}, cell))))));
  }

  // ---- cancel ----------------------------------------------------------------------------------

  function cancelForm() {
    const reason = el('input', { name: 'reason', placeholder: 'reason (optional)', 'aria-label': 'reason' });
    const button = el('button', { type: 'submit', class: 'danger', id: 'cancel' }, 'Cancel job');
    return el('form', {
      class: 'cancel',
      onsubmit: async (event) => {
        event.preventDefault();
        if (!window.confirm(`Cancel job ${name}?`)) return;
        button.disabled = true;
        try {
          await call(`${jobApi}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(reason.value.trim() ? { reason: reason.value.trim() } : {}) });
          notice('Cancel requested.', 'info');
          await refresh();
        } catch (err) {
          notice(err.message);
          button.disabled = false;
        }
      },
    }, reason, button);
  }

  // ---- the log, followed -----------------------------------------------------------------------

  /** Reads what the log has past the last read (the last 256 KiB at first); true if anything came. */
  async function readLog() {
    const range = logOffset === undefined ? `bytes=-${FIRST_READ_BYTES}` : `bytes=${logOffset}-`;
    const response = await call(`${jobApi}/logs/${STD_LOG}`, { headers: { range, accept: 'text/plain' }, accept: [404, 416] });
    if (response.status === 404 || response.status === 416) {
      if (logOffset === undefined && response.status === 416) logOffset = 0;
      return false;
    }
    const data = new Uint8Array(await response.arrayBuffer());
    const total = Number(response.headers.get('x-log-size'));
    if (logOffset === undefined) {
      const start = Number.isFinite(total) ? total - data.length : 0;
      logCut = start > 0;
      if (logCut) fill(logNote, `The first ${formatBytes(start)} are not shown; the log files below have the whole log.`);
      logOffset = start;
      decoder = new TextDecoder();
    }
    logOffset += data.length;
    const follow = logText.scrollHeight - logText.scrollTop - logText.clientHeight < 24;
    logText.append(decoder.decode(data, { stream: true }));
    if (follow) logText.scrollTop = logText.scrollHeight;
    return data.length > 0;
  }

  // ---- refreshing --------------------------------------------------------------------------------

  async function refresh() {
    const job = await (await call(jobApi)).json();
    document.title = `${job.display_name || job.name} · durable-jobs studio`;
    renderHead(job);
    renderError(job);
    renderDetails(job);
    renderHistory(job);
    renderIo(job);
    renderLogFiles(job);
    return job;
  }

  async function showYaml() {
    if (yamlShown) return;
    const text = await (await call(jobApi, { query: { format: 'yaml' }, headers: { accept: 'application/yaml' } })).text();
    fill(regions.yaml, el('h2', {}, 'YAML'), el('pre', { class: 'yaml', id: 'yaml' }, text));
    yamlShown = true;
  }

  async function tick() {
    try {
      const job = await refresh();
      const terminal = TERMINAL.has(job.status);
      while (await readLog()) {
        // drain what is there; a finished job's log is complete once its status is terminal
      }
      await showYaml();
      notice('');
      ended = terminal;
    } catch (err) {
      notice(err.message);
    }
    if (!ended) setTimeout(() => void tick(), REFRESH_MS);
    else logNote.append(logCut ? ' The job has ended.' : 'The job has ended; this is its whole log.');
    document.body.dataset.state = ended ? 'ended' : 'live';
  }

  document.addEventListener('DOMContentLoaded', () => {
    const crumbs = document.getElementById('crumbs');
    fill(crumbs, el('a', { href: studioUrl() }, 'Jobs'), ' / ', el('span', {}, name));
    fill(regions.log, el('h2', {}, 'Log ', el('span', { class: 'muted' }, STD_LOG)), logNote, logText, el('h3', {}, 'Log files'), logFiles);
    document.getElementById('main').replaceChildren(...Object.values(regions));
    void tick();
  });
})();
