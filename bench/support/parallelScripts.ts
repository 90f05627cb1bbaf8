/**
 * Entry scripts of the parallel benchmark: a no-op run() (one result per item) and a CPU-bound one
 * (about `ms` of busy work per item), as CommonJS sources.
 */
export const NOOP_SCRIPT = `
exports.init = () => {};
exports.run = (batch) => batch.map(() => 1);
`;

export function cpuScript(ms: number): string {
  return `
exports.init = () => {};
exports.run = (batch) => batch.map(() => {
  const end = performance.now() + ${ms};
  let x = 0;
  while (performance.now() < end) x += Math.sqrt(x + 1);
  return x > 0 ? 1 : 0;
});
`;
}
