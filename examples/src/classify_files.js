// Parallel entry script (RunFunction) for parallel-file-classification.yml, in JavaScript.
//
// init() runs once per worker process; run(miniBatch) once per mini-batch, with a list of file
// paths. Each returned row is appended to the output file; returning fewer rows than inputs marks
// the mini-batch as failed.
const fs = require('node:fs');
const path = require('node:path');

const KINDS = { '.json': 'application/json', '.md': 'text/markdown', '.svg': 'image/svg+xml', '.txt': 'text/plain', '.csv': 'text/csv' };
let maxBytes = 1 << 20;

exports.init = () => {
  const at = process.argv.indexOf('--max-bytes');
  if (at >= 0) maxBytes = Number(process.argv[at + 1]);
  console.log(`worker ${process.pid}: classifying files up to ${maxBytes} bytes`);
};

exports.run = (miniBatch) => miniBatch.map((file) => {
  const size = fs.statSync(file).size;
  const kind = KINDS[path.extname(file)] ?? 'application/octet-stream';
  return `${path.basename(file)},${kind},${size},${size > maxBytes ? 'too-large' : 'ok'}`;
});
