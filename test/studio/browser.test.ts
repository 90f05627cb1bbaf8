import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestApp, type ApiTestApp } from '../api/apiOnLocalStack';
import { eventually, repoRoot } from '../support/hostProcess';

/**
 * The studio's job page in a real browser: Debian's Chromium, headless, installed by
 * scripts/ensure-chromium.sh when it is missing (about 20 s as root; the script says how to
 * install it otherwise), loads the page of a real job on this repo's app — function keys enforced,
 * the key given as `?code=` — and the DOM it built is checked: status, log text, and that the
 * job's hostile display name and log line stayed text.
 */

const KEY = `key-${randomUUID()}`;
let t: ApiTestApp;
let chromium: string;
let profile: string;

beforeAll(async () => {
  chromium = execFileSync('sh', [path.join(repoRoot, 'scripts', 'ensure-chromium.sh')], { encoding: 'utf8', timeout: 170_000 }).trim();
  t = await startApiTestApp({ functionKey: KEY });
  profile = await mkdtemp(path.join(tmpdir(), 'dj-chromium-'));
}, 180_000);
afterAll(async () => {
  await t?.stop();
  if (profile) await rm(profile, { recursive: true, force: true });
});

/** The DOM of `url` once the page's scripts have run (virtual time lets its fetches finish first). */
async function renderedDom(url: string): Promise<string> {
  const { stdout } = await promisify(execFile)(chromium, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', `--user-data-dir=${profile}`,
    '--virtual-time-budget=20000', '--dump-dom', url,
  ], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

describe('the studio job page in Chromium', () => {
  it('shows a real job\'s status and log, with its hostile display name and log line as text', async () => {
    const name = `studio-${randomUUID().slice(0, 8)}`;
    const job = {
      name, display_name: '<img src=x onerror="document.title=\'pwned\'">', environment: 'azureml:python@latest',
      command: `printf '%s\\n' 'first line' '<script>document.title="pwned"</script>' 'last line'`,
      tags: { team: '<b>bold</b>' },
    };
    const submitted = await fetch(`${t.app.host.url}/api/jobs`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-functions-key': KEY }, body: JSON.stringify(job) });
    expect(submitted.status).toBe(201);
    await eventually(async () => {
      const view = (await (await fetch(`${t.app.host.url}/api/jobs/${name}`, { headers: { 'x-functions-key': KEY } })).json()) as { status: string };
      return ['Completed', 'Failed', 'Canceled'].includes(view.status) ? view : undefined;
    }, `job ${name} to end`, 30_000);

    const dom = await renderedDom(`${t.app.host.url}/api/studio/jobs/${name}?code=${encodeURIComponent(KEY)}`);

    expect(dom).toContain('<body data-page="job" data-state="ended">');
    expect(dom).toContain('<span id="job-status"><span class="status status-Completed">Completed</span></span>');
    expect(dom).toContain('<pre class="log" id="std-log" tabindex="0">first line\n&lt;script&gt;document.title="pwned"&lt;/script&gt;\nlast line\n</pre>');
    expect(dom).toContain('<h1 id="display-name">&lt;img src=x onerror="document.title=\'pwned\'"&gt;</h1>');
    expect(dom).toContain('<span class="tag-key">team</span> &lt;b&gt;bold&lt;/b&gt;');
    expect(dom).not.toMatch(/<img|<b>|<script>document/);
    expect(dom).not.toContain('pwned</title>');
    expect(dom).toMatch(/<table id="history">.*Completed.*<\/table>/s);
    expect(dom).toContain(`href="/api/jobs/${name}/logs/user_logs/std_log.txt?code=${encodeURIComponent(KEY)}"`);
    expect(dom).not.toContain('id="cancel"');
  }, 120_000);
});
