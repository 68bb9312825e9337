#!/usr/bin/env node
/**
 * `npx iam-cert-expiry-monitor rollout <name|ARN> [options]`: finishes the switch from an expiring IAM certificate
 * to its renewal, with your own AWS credentials. Prints the plan and changes nothing unless --apply is given.
 */
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsClients, DEFAULT_CLIENT_OPTIONS } from '../lambda/aws/clients';
import { DEFAULT_CONCURRENCY } from '../lambda/create-handler';
import { ALL_REGIONS, regionsOf } from '../contract/validation';
import { failed } from '../lambda/rollout/apply';
import { awsRolloutAdapters } from '../lambda/rollout/aws-adapters';
import { applySummary, outcomeLine, planText, refusalText, resultJson } from '../lambda/rollout/render';
import { runRollout, type RolloutResult } from '../lambda/rollout/run-rollout';
import { emailText } from '../lambda/text/sanitise';
import { regionsOptionErrors, type Io } from './check';
import { noteNodeSupport } from './node-support';

export const EXIT_CODES = `Exit codes:
  0  the plan is printed (nothing refused), or every place serves the renewal now, read back
  1  refused (no qualifying renewal, --to does not qualify, --delete-old refused), or --apply stopped at a
     failure or an interruption: the output says what is done, what failed and why, and what is left
  2  not every region or CloudFront could be read (the plan says which), or bad options / AWS error`;

export const USAGE = `Usage: npx iam-cert-expiry-monitor rollout <certificate name or ARN> [options]

Switches every place that serves an IAM server certificate (Classic ELB and ALB/NLB listeners, default and SNI,
CloudFront distributions) to its renewal, chosen by the same rules as the alert. Prints the plan and changes
nothing unless --apply is given. Uses your default AWS credentials (AWS_PROFILE, SSO, environment).

Options:
  --to NAME|ARN    the renewal to switch to (an IAM certificate); it must still qualify
  --apply          carry the plan out, one place at a time: each place is read before and after its change,
                   and the run stops at the first failure; running it again resumes
  --delete-old     then delete the old certificate, only if a fresh read of every region and CloudFront finds
                   nothing that serves it
  --regions LIST   comma-separated regions, or "all" enabled regions (default ${ALL_REGIONS})
  --json           print the plan (and what --apply did) as JSON
  -h, --help       show this help

${EXIT_CODES}`;

/** The options; `--` ends them, so a certificate named `-x` is given as `rollout -- -x`. */
export const ROLLOUT_OPTIONS = {
  to: { type: 'string' },
  apply: { type: 'boolean', default: false },
  'delete-old': { type: 'boolean', default: false },
  regions: { type: 'string', default: ALL_REGIONS },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** What a test replaces: the waits between CertificateNotFound retries, the clock, and Ctrl-C. */
export interface RolloutRuntime {
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly signal?: AbortSignal;
}

const REAL_RUNTIME: RolloutRuntime = { sleep: (ms) => sleep(ms), now: () => Date.now() };

export async function main(argv: readonly string[], io: Io, runtime: RolloutRuntime = REAL_RUNTIME): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: ROLLOUT_OPTIONS,
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    io.err(`${(error as Error).message}\nRun with --help for the options.`);
    return 2;
  }
  const args = parsed.values;
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  const regions = regionsOf(args.regions);
  const errors = [
    ...(parsed.positionals.length !== 1 ? ['give exactly one certificate: its IAM name or ARN'] : []),
    ...(regions === undefined ? [`--regions: "${args.regions}" is neither "all" nor region names`] : []),
  ];
  if (errors.length > 0 || regions === undefined) {
    io.err(`Invalid options:\n  ${errors.join('\n  ')}`);
    return 2;
  }

  const homeRegion = io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const clients = new AwsClients({ ...DEFAULT_CLIENT_OPTIONS, homeRegion });
  try {
    const regionErrors = await regionsOptionErrors(clients, regions, false);
    if (regionErrors.length > 0) {
      io.err(`Invalid options:\n  ${regionErrors.join('\n  ')}`);
      return 2;
    }
    const result = await runRollout(
      clients,
      {
        certificate: parsed.positionals[0]!,
        ...(args.to !== undefined ? { to: args.to } : {}),
        regions,
        now: new Date(runtime.now()),
        concurrency: DEFAULT_CONCURRENCY,
        apply: args.apply,
        deleteOld: args['delete-old'],
      },
      {
        adapters: awsRolloutAdapters(clients),
        apply: {
          sleep: runtime.sleep,
          now: runtime.now,
          ...(runtime.signal ? { signal: runtime.signal } : {}),
          // The plan comes first on the terminal; each place's outcome then as it happens.
          ...(args.json ? {} : { onOutcome: (o) => io.out(outcomeLine(o)) }),
        },
        ...(args.json
          ? {}
          : {
              onPlan: (plan) =>
                io.out(
                  `${planText(plan)}\n\n${args.apply ? 'Applying:' : 'Plan only: nothing was changed. Run again with --apply to carry it out.'}`,
                ),
            }),
      },
    );
    if (args.json) io.out(resultJson(result));
    else if (result.kind === 'refused') io.out(refusalText(result.refusal));
    else if (result.kind === 'planned' && result.applied) io.out(applySummary(result));
    if (result.kind === 'not-found') io.err(`rollout: ${emailText(result.reason)}`);
    return exitCodeOf(result);
  } catch (error) {
    const e = error as Error;
    io.err(`rollout failed: ${e.name}: ${e.message}`.replace(/\s+/g, ' '));
    return 2;
  } finally {
    clients.destroy();
  }
}

export function exitCodeOf(result: RolloutResult): 0 | 1 | 2 {
  if (result.kind === 'not-found') return 2;
  if (result.kind === 'refused') return 1;
  const deletion = result.deletion?.kind;
  if ((result.applied && failed(result.applied)) || deletion === 'refused' || deletion === 'failed') return 1;
  return result.plan.coverage.complete ? 0 : 2;
}

/** `npx iam-cert-expiry-monitor rollout …` (bin/cli.ts): Ctrl-C stops after the current place. */
export async function rolloutCommand(argv: readonly string[]): Promise<number> {
  if (!argv.includes('--help') && !argv.includes('-h')) noteNodeSupport(process);
  const interrupt = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('Stopping after the current place (Ctrl-C again to stop at once)...\n');
    interrupt.abort();
  });
  return main(
    argv,
    {
      env: process.env,
      out: (text) => process.stdout.write(`${text}\n`),
      err: (text) => process.stderr.write(`${text}\n`),
    },
    { ...REAL_RUNTIME, signal: interrupt.signal },
  );
}
