/**
 * Runs the package's bin (bin/cli.js) as a user would, in a child process, asynchronously: a loopback server may
 * live in this process. The child gets the test's environment without anything that would pick credentials, a
 * profile or a region, plus what the test gives.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export const CLI = path.join(__dirname, '..', '..', 'bin', 'cli.js');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of the test process, without anything that would pick credentials, a profile or a region. */
export function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !/^AWS_|^NO_COLOR$|^FORCE_COLOR$/.test(k)) env[k] = v;
  return {
    ...env,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
  };
}

/**
 * Runs `node bin/cli.js ...args`, or `command` followed by `args` (another program: a pseudo-terminal, a script of
 * the repository).
 */
export function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  command: readonly string[] = [process.execPath, CLI],
): Promise<CliRun> {
  return new Promise((resolve) => {
    const [program, ...rest] = command;
    const child = spawn(program!, [...rest, ...args], { env: { ...cleanEnv(), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
