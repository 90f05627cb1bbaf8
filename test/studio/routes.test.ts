import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestApp, type ApiTestApp } from '../api/apiOnLocalStack';
import { repoRoot } from '../support/hostProcess';

/** The studio's routes on this repo's app on a real host that enforces function keys. */

const KEY = `key-${randomUUID()}`;
const run = randomUUID().slice(0, 8);
let t: ApiTestApp;
const job = `studio-routes-${run}`;
const hostile = `<img src=x onerror="alert('${run}')">`;

beforeAll(async () => {
  t = await startApiTestApp({ functionKey: KEY });
  await t.seedJob(job, { status: 'Running', spec: { display_name: hostile, tags: { owner: hostile } } });
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

const get = (route: string, headers: Record<string, string> = {}) => fetch(`${t.app.host.url}${route}`, { headers });

describe('the studio pages', () => {
  it('answer anonymously with a shell that holds none of the job\'s data, under a strict content policy', async () => {
    const page = await get(`/api/studio/jobs/${job}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<meta name="dj-api" content="/api">');
    expect(html).toContain('<script src="/api/studio/assets/job.js" defer></script>');
    for (const data of [run, 'onerror', 'Running', 'owner']) expect(html).not.toContain(data);
  });

  it('keep the job\'s data behind the key: the API answers 401 without it and 200 with it', async () => {
    expect((await get(`/api/jobs/${job}`)).status).toBe(401);
    const withKey = await get(`/api/jobs/${job}`, { 'x-functions-key': KEY });
    expect(withKey.status).toBe(200);
    expect(((await withKey.json()) as { display_name: string }).display_name).toBe(hostile);
    expect((await get(`/api/jobs/${job}?code=${KEY}`)).status).toBe(200);
  });

  it('serve the job list page, and 404 for a name no job can have', async () => {
    const list = await get('/api/studio');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('<script src="/api/studio/assets/jobs.js" defer></script>');
    expect((await get('/api/studio/jobs/..%2F..%2Fetc')).status).toBe(404);
  });

  it('serve the scripts and the style sheet as they are in src/studio/assets, and nothing else', async () => {
    for (const [file, type] of [['common.js', 'text/javascript'], ['job.js', 'text/javascript'], ['jobs.js', 'text/javascript'], ['studio.css', 'text/css']] as const) {
      const asset = await get(`/api/studio/assets/${file}`);
      expect(asset.status, file).toBe(200);
      expect(asset.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await asset.text()).toBe(await readFile(path.join(repoRoot, 'src', 'studio', 'assets', file), 'utf8'));
    }
    for (const other of ['package.json', '..%2F..%2F..%2Fpackage.json', 'assets.ts', 'job.js.map']) expect((await get(`/api/studio/assets/${other}`)).status, other).toBe(404);
  });
});
