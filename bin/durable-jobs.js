#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled TypeScript under dist/. It (re)builds when dist/ is missing or
// older than a source file, so `npx durable-jobs` works straight after `npm ci` and after edits.
const path = require('node:path');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const entry = path.join(root, 'dist', 'src', 'cli', 'main.js');
const buildInfo = path.join(root, 'dist', '.tsbuildinfo');

function newestSource(dir) {
  let newest = 0;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (item.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!fs.existsSync(entry) || !fs.existsSync(buildInfo)) return true;
  const built = fs.statSync(buildInfo).mtimeMs;
  return ['src', 'functions'].some((dir) => fs.existsSync(path.join(root, dir)) && newestSource(path.join(root, dir)) > built);
}

if (isStale()) {
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  const now = new Date();
  fs.utimesSync(buildInfo, now, now); // tsc leaves it untouched when nothing changed
}
require(entry).main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(err instanceof Error ? err.message : String(err)); process.exitCode = 2; },
);
