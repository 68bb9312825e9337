#!/usr/bin/env node
/**
 * The package's `bin` (`npx iam-cert-expiry-monitor check --json`): runs a command's TypeScript entry from a clone,
 * with no build step, through tsx's loader. The command's stdout, stderr and exit code are the user's.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const COMMANDS = {
  check: 'check.ts',
  demo: 'demo.ts',
  rollout: 'rollout.ts',
};
const USAGE = `Usage: iam-cert-expiry-monitor <command> [options]

Commands:
  check    scan this account's IAM server certificates (--help for its options)
  demo     the monitor's alert on a built-in sample account, no AWS needed (--help for its options)
  rollout  switch every place that serves a certificate to its renewal: plan, or --apply (--help for its options)`;

const [command, ...args] = process.argv.slice(2);
if (command === undefined || command === '--help' || command === '-h') {
  process.stdout.write(`${USAGE}\n`);
  process.exit(command === undefined ? 2 : 0);
}
const entry = COMMANDS[command];
if (entry === undefined) {
  process.stderr.write(`unknown command ${JSON.stringify(command)}\n${USAGE}\n`);
  process.exit(2);
}
const loader = pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs'));
const result = spawnSync(process.execPath, ['--import', loader.href, path.join(__dirname, entry), ...args], {
  stdio: 'inherit',
});
if (result.error) throw result.error;
// A signal (Ctrl-C, a closed pipe) ends us the same way, so a shell sees what it would have seen.
if (result.signal) process.kill(process.pid, result.signal);
process.exit(result.status ?? 1);
