import { durableThroughput } from './durableThroughput';
import { jobsThroughput } from './jobsThroughput';

/** `npm run bench`: every benchmark, one after the other, figures on stdout. */
async function main(): Promise<void> {
  await durableThroughput();
  await jobsThroughput();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
