'use strict';
/*
 * The studio's shared helpers, as window.DJ: where the job API is, the function key, API calls,
 * building the page (text always goes in as text nodes, never as markup), and formatting.
 *
 * The key: a host that enforces keys (any Azure deployment) needs one for the job API. Open a
 * studio page with `?code=<key>` (as Azure Functions accepts it) and it is kept for this tab
 * (sessionStorage) and sent as `x-functions-key`; links that the browser follows itself (log and
 * output downloads, other studio pages) carry it as `?code=`. Without a key the page asks for one
 * when the API answers 401. A local host without keys needs none.
 */
(() => {
  const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';
  const studioPath = meta('dj-studio');
  const apiPath = meta('dj-api');
  const KEY_ITEM = 'durable-jobs-key';
  const STATUSES = ['NotStarted', 'Starting', 'Provisioning', 'Preparing', 'Queued', 'Running', 'Finalizing', 'CancelRequested', 'Completed', 'Failed', 'Canceled', 'NotResponding'];
  const TERMINAL = new Set(['Completed', 'Failed', 'Canceled']);

  function key() {
    const fromUrl = new URLSearchParams(location.search).get('code');
    try {
      if (fromUrl) sessionStorage.setItem(KEY_ITEM, fromUrl);
      return fromUrl || sessionStorage.getItem(KEY_ITEM) || '';
    } catch {
      return fromUrl || '';
    }
  }

  /** A path and query on this host; `withKey` adds the key as ?code= (for links the browser follows itself). */
  function url(path, query = {}, withKey = false) {
    const target = new URL(path, location.origin);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') target.searchParams.set(name, String(value));
    }
    if (withKey && key()) target.searchParams.set('code', key());
    return target.pathname + target.search;
  }

  const apiUrl = (path, query, withKey) => url(`${apiPath}/${path}`, query, withKey);
  const studioUrl = (path = '', query = {}) => url(`${studioPath}${path}`, query, true);
  const jobPath = (name) => `jobs/${encodeURIComponent(name)}`;

  class ApiFailure extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  /** fetch() of the job API with the key; an ApiFailure (with the API's own message) for an answer not ok and not in `accept`. */
  async function call(path, { method = 'GET', query, headers = {}, body, accept = [] } = {}) {
    const sent = { accept: 'application/json', ...headers };
    if (key()) sent['x-functions-key'] = key();
    let response;
    try {
      response = await fetch(apiUrl(path, query), { method, headers: sent, body, cache: 'no-store' });
    } catch (err) {
      throw new ApiFailure(0, `the host did not answer (${err.message})`);
    }
    if (response.status === 401) {
      askForKey();
      throw new ApiFailure(401, 'this host wants a function key for the job API');
    }
    if (!response.ok && !accept.includes(response.status)) {
      let message = `${method} ${path} answered ${response.status}`;
      try {
        const answer = await response.json();
        if (answer && answer.error && answer.error.message) message = answer.error.message;
      } catch {
        // not JSON: keep the status line
      }
      throw new ApiFailure(response.status, message);
    }
    return response;
  }

  /** An element with attributes (`on…` become listeners) and children; strings become text nodes. */
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    node.append(...nodes(children));
    return node;
  }

  /** Replaces what `node` holds with `children` (nested lists flattened, absent ones left out, strings as text). */
  function fill(node, ...children) {
    node.replaceChildren(...nodes(children));
    return node;
  }

  function nodes(children) {
    return children.flat(Infinity)
      .filter((child) => child !== undefined && child !== null && child !== false)
      .map((child) => (child instanceof Node ? child : document.createTextNode(String(child))));
  }

  function askForKey() {
    const prompt = document.getElementById('key-prompt');
    if (!prompt || !prompt.hidden) return;
    const input = el('input', { type: 'password', name: 'code', autocomplete: 'off', placeholder: 'function key', 'aria-label': 'function key' });
    const form = el('form', {
      onsubmit: (event) => {
        event.preventDefault();
        if (!input.value) return;
        const next = new URL(location.href);
        next.searchParams.set('code', input.value);
        location.assign(next.pathname + next.search);
      },
    }, el('p', {}, 'This host requires a function key for the job API (DURABLE_JOBS_KEY, or a key of the function app). It is kept for this tab only.'), input, el('button', { type: 'submit' }, 'Use key'));
    fill(prompt, form);
    prompt.hidden = false;
  }

  function notice(message, kind = 'error') {
    const box = document.getElementById('notice');
    box.className = `notice ${kind}`;
    fill(box, message);
    box.hidden = !message;
  }

  function statusBadge(status) {
    return el('span', { class: `status status-${STATUSES.includes(status) ? status : 'unknown'}` }, status);
  }

  const pad = (n) => String(n).padStart(2, '0');
  function formatTime(iso) {
    if (!iso) return '';
    const t = new Date(iso);
    if (Number.isNaN(t.getTime())) return iso;
    return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}`;
  }

  function formatDuration(startIso, endIso) {
    if (!startIso) return '';
    const ms = (endIso ? Date.parse(endIso) : Date.now()) - Date.parse(startIso);
    if (!Number.isFinite(ms) || ms < 0) return '';
    if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
    const minutes = Math.floor(ms / 60_000);
    return minutes < 60 ? `${minutes}m ${Math.floor((ms % 60_000) / 1000)}s` : `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
  }

  function formatBytes(bytes) {
    if (bytes < 1024) return `${bytes} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
  }

  /** Keeps `?code=` on links marked data-keep-key (the header's). */
  function keepKeyOnLinks() {
    for (const link of document.querySelectorAll('a[data-keep-key]')) link.setAttribute('href', url(link.getAttribute('href'), {}, true));
  }

  window.DJ = {
    STATUSES, TERMINAL, ApiFailure, key, apiUrl, studioUrl, jobPath, call, el, fill, notice, statusBadge, formatTime, formatDuration, formatBytes,
  };
  document.addEventListener('DOMContentLoaded', keepKeyOnLinks);
})();
