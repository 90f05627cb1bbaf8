import { describe, expect, it } from 'vitest';
import { useHosts } from './helpers';

const keys = { master: 'master-secret', host: ['host-secret'], functions: { secured: ['secured-secret'] } };

describe('HTTP auth levels with keys configured', () => {
  const start = useHosts();

  it('lets anonymous functions through without a key', async () => {
    const { host } = await start('http-basic', { keys });
    expect((await fetch(`${host.url}/api/open`)).status).toBe(200);
  });

  it('requires a function, host or master key for authLevel function, by ?code= or x-functions-key', async () => {
    const { host } = await start('http-basic', { keys });
    const missing = await fetch(`${host.url}/api/secured`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: 'Unauthorized', message: expect.stringContaining('authLevel "function"') });
    expect((await fetch(`${host.url}/api/secured?code=wrong`)).status).toBe(401);

    expect((await fetch(`${host.url}/api/secured?code=secured-secret`)).status).toBe(200);
    expect((await fetch(`${host.url}/api/secured`, { headers: { 'x-functions-key': 'host-secret' } })).status).toBe(200);
    expect((await fetch(`${host.url}/api/secured?code=master-secret`)).status).toBe(200);
  });

  it('does not accept one function key for another function', async () => {
    const { host } = await start('http-basic', { keys: { ...keys, functions: { hello: ['hello-only'] } } });
    expect((await fetch(`${host.url}/api/secured?code=hello-only`)).status).toBe(401);
  });

  it('requires the master key for authLevel admin', async () => {
    const { host } = await start('http-basic', { keys });
    expect((await fetch(`${host.url}/api/adminOnly?code=host-secret`)).status).toBe(401);
    expect((await fetch(`${host.url}/api/adminOnly?code=secured-secret`)).status).toBe(401);
    expect((await fetch(`${host.url}/api/adminOnly`, { headers: { 'x-functions-key': 'master-secret' } })).status).toBe(200);
  });

  it('reads keys from FUNCTIONS_MASTER_KEY and FUNCTIONS_DEFAULT_KEY and never logs them', async () => {
    const { host, logger } = await start('http-basic', { settings: { FUNCTIONS_MASTER_KEY: 'env-master', FUNCTIONS_DEFAULT_KEY: 'env-default' } });
    expect((await fetch(`${host.url}/api/secured`)).status).toBe(401);
    expect((await fetch(`${host.url}/api/secured?code=env-default`)).status).toBe(200);
    expect((await fetch(`${host.url}/api/adminOnly?code=env-default`)).status).toBe(401);
    expect((await fetch(`${host.url}/api/adminOnly?code=env-master`)).status).toBe(200);

    const logged = JSON.stringify(logger.lines);
    expect(logged).toContain('HTTP auth: keys configured');
    expect(logged).not.toMatch(/env-master|env-default/);
  });

  it('guards the admin API with the master key and runs a non-HTTP function by hand', async () => {
    const { host } = await start('http-basic', { keys });
    expect((await fetch(`${host.url}/admin/host/status`)).status).toBe(401);
    const status = await fetch(`${host.url}/admin/host/status?code=master-secret`);
    expect(await status.json()).toEqual({ state: 'Running' });

    const httpFunction = await fetch(`${host.url}/admin/functions/hello?code=master-secret`, { method: 'POST', body: '{}' });
    expect(httpFunction.status).toBe(400);
    const unknown = await fetch(`${host.url}/admin/functions/nope?code=master-secret`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
  });
});
