#!/usr/bin/env node
/**
 * The package's `bin` (`npx iam-cert-expiry-monitor check`). From the package: the bundled CLI (dist/cli.js, built
 * by `npm pack`'s prepack; no dependency needed at run time). From a clone, where the TypeScript sources are: those,
 * through tsx's loader (no build step), in a child whose stdout, stderr and exit code are the user's.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const source = path.join(__dirname, 'cli.ts');
if (fs.existsSync(source)) {
  const loader = pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs'));
  const result = spawnSync(process.execPath, ['--import', loader.href, source, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (result.error) throw result.error;
  // A signal (Ctrl-C, a closed pipe) ends us the same way, so a shell sees what it would have seen.
  if (result.signal) process.kill(process.pid, result.signal);
  process.exit(result.status ?? 1);
} else {
  require('../dist/cli.js')
    .cli(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
}
