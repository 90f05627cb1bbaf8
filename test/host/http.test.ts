import http from 'node:http';
import { describe, expect, it } from 'vitest';
import type { FunctionsHost } from '../../src/host/functionsHost';
import type { MemoryLogger } from '../../src/host/runtime/logger';
import { useHosts } from './helpers';

describe('HTTP triggers', () => {
  const start = useHosts();
  let host: FunctionsHost;
  let logger: MemoryLogger;

  // One host per test: useHosts stops it after each.
  async function startApp(): Promise<void> {
    ({ host, logger } = await start('http-basic'));
  }

  it('serves a function on its default route with the library default methods', async () => {
    await startApp();
    const get = await fetch(`${host.url}/api/hello?name=Ada`);
    expect(get.status).toBe(200);
    expect(await get.text()).toBe('Hello, Ada');
    expect(get.headers.get('x-ms-invocation-id')).toMatch(/^[0-9a-f-]{36}$/);

    const post = await fetch(`${host.url}/api/HELLO`, { method: 'POST', body: 'Grace' });
    expect(await post.text()).toBe('Hello, Grace');
  });

  it('matches route parameters with int, alpha and guid constraints and picks the function by constraint', async () => {
    await startApp();
    expect(await json(`${host.url}/api/items/42`)).toEqual({ function: 'getItem', params: { id: '42' } });
    expect(await json(`${host.url}/api/items/widget`)).toEqual({ function: 'itemByName', params: { name: 'widget' } });
    const guid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(await json(`${host.url}/api/things/${guid}`)).toEqual({ function: 'thing', params: { id: guid } });

    expect((await fetch(`${host.url}/api/items/4x2`)).status).toBe(404);
    expect((await fetch(`${host.url}/api/things/not-a-guid`)).status).toBe(404);
  });

  it('fills optional, catch-all and multi-part segments, decoding the values', async () => {
    await startApp();
    expect(await json(`${host.url}/api/pages`)).toEqual({ function: 'pages', params: {} });
    expect(await json(`${host.url}/api/pages/3`)).toEqual({ function: 'pages', params: { page: '3' } });
    expect(await json(`${host.url}/api/files/a/b%20c/d.txt`)).toEqual({ function: 'files', params: { path: 'a/b c/d.txt' } });
    expect(await json(`${host.url}/api/reports/2024/summary.csv`)).toEqual({ function: 'report', params: { year: '2024', name: 'summary', ext: 'csv' } });
    expect((await fetch(`${host.url}/api/reports/1999/summary.csv`)).status).toBe(404);
  });

  it('answers 404 with a JSON body naming the path', async () => {
    await startApp();
    const response = await fetch(`${host.url}/api/nothing/here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'NotFound', path: '/api/nothing/here' });
    expect((await fetch(`${host.url}/hello`)).status).toBe(404);
  });

  it('answers 405 with an Allow header when only other methods match the path', async () => {
    await startApp();
    const response = await fetch(`${host.url}/api/items/7`, { method: 'PUT' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('DELETE, GET');
    expect(await response.json()).toMatchObject({ error: 'MethodNotAllowed', allow: ['DELETE', 'GET'] });

    expect((await fetch(`${host.url}/api/items/7`, { method: 'DELETE' })).status).toBe(204);
  });

  it('passes method, URL, query, headers and a binary body through the library and returns status, headers and cookies', async () => {
    await startApp();
    const body = Buffer.from([0, 1, 2, 250, 255]);
    const response = await fetch(`${host.url}/api/echo?status=201&a=1&a=2`, {
      method: 'PUT', body, headers: { 'content-type': 'application/octet-stream', 'x-custom': 'yes' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-echo-method')).toBe('PUT');
    expect(response.headers.get('x-echo-length')).toBe('5');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('set-cookie')).toBe('session=abc; Path=/; HttpOnly; SameSite=Lax');
    expect(await response.json()).toEqual({
      method: 'PUT',
      url: `${host.url}/api/echo?status=201&a=1&a=2`,
      query: { status: '201', a: '1,2' },
      contentType: 'application/octet-stream',
      custom: 'yes',
      bodyBase64: body.toString('base64'),
    });
  });

  it('answers 200 with an empty body when the function returns nothing', async () => {
    await startApp();
    const response = await fetch(`${host.url}/api/noReturn`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers 500 with the invocation id and without the error text or stack, and logs the error', async () => {
    await startApp();
    const response = await fetch(`${host.url}/api/fail`);
    expect(response.status).toBe(500);
    const invocationId = response.headers.get('x-ms-invocation-id');
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'InternalServerError', invocationId });
    expect(text).not.toMatch(/hunter2|secret|at .*\.js/);
    expect(logger.lines.find((l) => l.level === 'error' && l.message.includes('hunter2'))?.fields).toMatchObject({ function: 'fail', invocationId });
  });

  it('answers 413 for a declared Content-Length over the limit without reading the body', async () => {
    await startApp();
    const { status, body } = await rawRequest(host.url, '/api/echo', { 'content-length': String(10 * 1024 * 1024) }, (req) => {
      req.write(Buffer.alloc(1024));
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ error: 'PayloadTooLarge', limit: 65536 });
  });

  it('answers 413 for a chunked body once it passes the limit, and keeps serving', async () => {
    await startApp();
    const { status } = await rawRequest(host.url, '/api/echo', { 'transfer-encoding': 'chunked' }, (req) => {
      for (let i = 0; i < 80; i++) req.write(Buffer.alloc(1024, 1));
    });
    expect(status).toBe(413);
    const ok = await fetch(`${host.url}/api/echo`, { method: 'POST', body: Buffer.alloc(65536, 1) });
    expect(ok.status).toBe(200);
  });

  it('takes the body limit from options over host.json', async () => {
    ({ host } = await start('http-basic', { maxRequestBodySize: 10 }));
    expect((await fetch(`${host.url}/api/echo`, { method: 'POST', body: 'x'.repeat(11) })).status).toBe(413);
    expect((await fetch(`${host.url}/api/echo`, { method: 'POST', body: 'x'.repeat(10) })).status).toBe(200);
  });

  it('lists the routes and says that auth is not enforced without keys', async () => {
    await startApp();
    const messages = logger.messages('info');
    expect(messages).toContain(`getItem: [GET] ${host.url}/api/items/{id:int}`);
    expect(messages.some((m) => m.startsWith('HTTP auth: no keys configured'))).toBe(true);
    expect((await fetch(`${host.url}/api/secured`)).status).toBe(200);
    expect((await fetch(`${host.url}/api/adminOnly`)).status).toBe(200);
  });
});

async function json(url: string): Promise<unknown> {
  const response = await fetch(url);
  expect(response.status, `${url} → ${response.status}`).toBe(200);
  return response.json();
}

/** A raw POST whose body the test writes itself; resolves with whatever the server answered. */
function rawRequest(base: string, path: string, headers: Record<string, string>, write: (req: http.ClientRequest) => void): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // The server may close the connection while we still write: that is the point.
    req.on('error', () => undefined);
    write(req);
    if (headers['transfer-encoding'] === 'chunked') req.end();
  });
}
