import { durableThroughput } from './durableThroughput';
import { jobsThroughput } from './jobsThroughput';
import { parallelThroughput } from './parallelThroughput';

/** `npm run bench`: every benchmark, one after the other, figures on stdout. */
async function main(): Promise<void> {
  if (process.argv[2] === 'parallel') return parallelThroughput();
  await durableThroughput();
  await jobsThroughput();
  await parallelThroughput();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
