/**
 * .ci/install-zsh against stand-in `apt-get`, `sudo` and `id` on PATH (nothing is installed): it does nothing when
 * zsh is there, runs apt-get as is for root and through sudo otherwise, and prints nothing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const script = path.join(__dirname, '..', '..', '.ci', 'install-zsh');

function install({ uid, zsh }: { uid: number; zsh: boolean }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'install-zsh-test-'));
  try {
    const log = path.join(dir, 'log');
    const stub = (name: string, body: string) =>
      fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    stub('id', `echo ${uid}`);
    stub('apt-get', `echo "apt-get $*" >> '${log}'; echo "apt-get chatter"`);
    stub('sudo', `echo "sudo" >> '${log}'; exec "$@"`);
    stub('env', `shift; exec "$@"`);
    if (zsh) stub('zsh', 'exit 0');
    const run = spawnSync('/bin/bash', [script], { encoding: 'utf8', env: { PATH: dir } });
    const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
    return { status: run.status, output: run.stdout + run.stderr, calls };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const APT = ['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends zsh'];

test('as root: apt-get without sudo, quietly', () => {
  expect(install({ uid: 0, zsh: false })).toEqual({ status: 0, output: '', calls: APT });
});

test('as another user: apt-get through sudo', () => {
  expect(install({ uid: 1000, zsh: false })).toEqual({
    status: 0,
    output: '',
    calls: ['sudo', APT[0], 'sudo', APT[1]],
  });
});

test('zsh already there: nothing to do', () => {
  expect(install({ uid: 0, zsh: true })).toEqual({ status: 0, output: '', calls: [] });
});
