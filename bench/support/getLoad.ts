import autocannon from 'autocannon';

/**
 * GET /api/jobs/{name} at a fixed rate, in a process of its own so the load generator does not
 * share the host's event loop (it would add its own time to every latency measured).
 * argv: url jobCount rate seconds; prints autocannon's latency and counts as JSON.
 */
async function main(): Promise<void> {
  const [url, count, rate, seconds] = process.argv.slice(2);
  const jobs = Number(count);
  const result = await autocannon({
    url: url!, connections: 16, duration: Number(seconds), overallRate: Number(rate),
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/jobs/seed-${Math.floor(Math.random() * jobs)}` }) }],
  });
  process.stdout.write(JSON.stringify({
    rate: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors,
  }));
}

void main();
