import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionsHost } from '../../src/host/functionsHost';
import { MemoryLogger } from '../../src/host/runtime/logger';
import { appDir } from './helpers';
import { gate } from './probe';

// app.setup() may run once per loaded copy of @azure/functions, and this test app shares the
// repository's copy: one host for the whole file, and no other app in this file.
describe('HTTP streaming (app.setup({ enableHttpStream: true }))', () => {
  const logger = new MemoryLogger();
  let host: FunctionsHost;
  beforeAll(async () => {
    host = await FunctionsHost.start({ appDir: appDir('http-stream'), port: 0, logger, env: {} });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('streams a request body to the function, with headers, route values and query', async () => {
    expect(logger.messages('info').some((m) => m.startsWith('HTTP streaming is enabled'))).toBe(true);
    const body = Buffer.alloc(300_000, 7);
    const response = await fetch(`${host.url}/api/upload/report?q=x`, { method: 'POST', body, headers: { 'content-type': 'application/x-test' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ms-invocation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ name: 'report', size: 300_000, contentType: 'application/x-test', query: 'x' });
  });

  it('relays response chunks as the function produces them', async () => {
    const open = gate('stream');
    const response = await fetch(`${host.url}/api/ticker`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).toString('utf8')).toBe('first;');
    open();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += Buffer.from(chunk.value).toString('utf8');
    expect(rest).toBe('second');
  });

  it('answers 500 without the error text when a streaming function fails', async () => {
    const response = await fetch(`${host.url}/api/streamFail`);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('secret');
  });

  it('answers 200 with an empty body when a streaming function returns nothing', async () => {
    const response = await fetch(`${host.url}/api/streamNothing`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers 413 once a streamed body passes the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(new URL('/api/upload/big', host.url), { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
      for (let i = 0; i < 40; i++) req.write(Buffer.alloc(64 * 1024));
      req.end();
    });
    expect(status).toBe(413);
  });
});
