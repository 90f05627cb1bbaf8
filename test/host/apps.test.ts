import { describe, expect, it } from 'vitest';
import { useHosts } from './helpers';

describe('loading apps', () => {
  const start = useHosts();

  it('loads an ES module app and serves it under an empty route prefix', async () => {
    const { host } = await start('esm');
    const response = await fetch(`${host.url}/hello/Lin`);
    expect(await response.json()).toEqual({ greeting: 'Hello from ESM, Lin' });
    expect((await fetch(`${host.url}/api/hello/Lin`)).status).toBe(404);
  });

  it('runs a second app in the same process, each with its own functions, even when both start at once', async () => {
    const [first, second] = await Promise.all([start('http-basic'), start('timer-basic', { settings: { DAILY_SCHEDULE: '0 0 9 * * *', FAST_SCHEDULE: '0 0 0 1 1 *' } })]);
    expect(first.host.url).not.toBe(second.host.url);
    expect(first.host.functions.map((f) => f.metadata.name)).toContain('hello');
    expect(second.host.functions.map((f) => f.metadata.name).sort()).toEqual(['daily', 'every5min', 'fast', 'halfHourly']);
    expect(await (await fetch(`${first.host.url}/api/hello`)).text()).toBe('Hello, world');
    expect((await fetch(`${second.host.url}/api/hello`)).status).toBe(404);
  });

  it('loads the same app again after a stop, as a restart inside one process', async () => {
    const first = await start('http-basic');
    await first.host.stop();
    const again = await start('http-basic');
    expect(await (await fetch(`${again.host.url}/api/hello?name=again`)).text()).toBe('Hello, again');
  });
});
