import type { LoadTestOptions, LoadTestResult } from 'loadtest';

/**
 * GET /api/jobs/{name} at a fixed rate, open loop: loadtest sends one request every 1000/rate ms
 * whether or not the earlier ones have been answered (as many independent clients do), over
 * keep-alive connections, opening another when all are busy. autocannon's `overallRate`, used
 * before, is not that: it gives each of its connections a quota per second that it spends back to
 * back as each second starts — bursts of 16 requests in flight, then silence. The first
 * `warmUpSeconds` are sent at the same rate but not measured (JIT, connection pools). In a process
 * of its own, so the load generator does not share the host's event loop or CPU accounting.
 *
 * argv: url jobCount rate seconds warmUpSeconds; prints the measured figures as JSON.
 */
async function main(): Promise<void> {
  const [url, count, rate, seconds, warmUp] = process.argv.slice(2);
  const jobs = Number(count);
  const { loadTest } = await import('loadtest');
  const options = (maxSeconds: number): LoadTestOptions => ({
    url: `${url!}/api/jobs/seed-0`, requestsPerSecond: Number(rate), maxSeconds, agentKeepAlive: true, quiet: true,
    requestGenerator: (_options, params, request, callback) => {
      const req = request({ ...params, path: `/api/jobs/seed-${Math.floor(Math.random() * jobs)}` }, callback);
      req.end();
      return req;
    },
  });
  if (Number(warmUp) > 0) await loadTest(options(Number(warmUp)));
  const result: LoadTestResult = await loadTest(options(Number(seconds)));
  process.stdout.write(JSON.stringify({
    rate: result.effectiveRps, p50: result.percentiles['50'], p90: result.percentiles['90'], p99: result.percentiles['99'],
    max: result.maxLatencyMs, requests: result.totalRequests, errors: result.totalErrors, connections: result.clients,
  }));
}

void main();
