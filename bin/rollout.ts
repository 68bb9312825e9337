#!/usr/bin/env node
/**
 * `npx iam-cert-expiry-monitor rollout <name|ARN> [options]`: finishes the switch from an expiring IAM certificate
 * to its renewal, with your own AWS credentials. Prints the plan and changes nothing unless --apply is given.
 */
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
import { COMMON_OPTIONS, commonUsage, helpOrVersion, parseCommandLineWithOperands, usageRefusal } from './cli-options';
import { callerOptions, homeRegion as resolveHomeRegion, namedProfile, regionFlagProblem } from './aws-caller';
import { explainError } from './explain-error';
import { couldNotRunRow, EXIT, exitCodeTable, type ExitCode } from './exit-code';
import { closestName } from '../contract/closest-name';

/**
 * The codes of a rollout. Refused or failed (1) comes before not everything read (3): what went wrong with the
 * switch is what the operator acts on first, and its output names the places not read as well.
 */
export const EXIT_CODES = exitCodeTable('Exit codes (when several apply, the first in this order):', [
  couldNotRunRow('a bad option, a certificate that IAM does not have'),
  {
    code: EXIT.findings,
    meaning:
      'refused (no qualifying renewal, --to does not qualify, --delete-old refused), or --apply stopped at a ' +
      'failure or an interruption, or the delete failed: the output says what is done, what failed and why, and ' +
      'what is left',
  },
  {
    code: EXIT.incomplete,
    meaning:
      'not every region or CloudFront could be read (the plan says which, NOT CHECKED), and nothing was refused ' +
      'or failed: a place not read may still serve the old certificate',
  },
  {
    code: EXIT.clean,
    meaning:
      'done: the plan is printed (nothing refused), or every place of the plan serves the renewal now, read back; ' +
      'every region asked for and CloudFront were read',
  },
]);

/** The options; `--` ends them, so a certificate named `-x` is given as `rollout -- -x`. No colour: none printed. */
export const ROLLOUT_OPTIONS = {
  to: { type: 'string' },
  apply: { type: 'boolean', default: false },
  'delete-old': { type: 'boolean', default: false },
  regions: { type: 'string', default: ALL_REGIONS },
  json: { type: 'boolean', default: false },
  profile: COMMON_OPTIONS.profile,
  region: COMMON_OPTIONS.region,
  verbose: COMMON_OPTIONS.verbose,
  quiet: COMMON_OPTIONS.quiet,
  version: COMMON_OPTIONS.version,
  help: COMMON_OPTIONS.help,
} as const;

export const USAGE = `Usage: npx iam-cert-expiry-monitor rollout <certificate name or ARN> [options]

Switches every place that serves an IAM server certificate (Classic ELB and ALB/NLB listeners, default and SNI,
CloudFront distributions) to its renewal, chosen by the same rules as the alert. Prints the plan and changes
nothing unless --apply is given. Uses your default AWS credentials (AWS_PROFILE, SSO, environment) or --profile.

Options:
  --to NAME|ARN        the renewal to switch to (an IAM certificate); it must still qualify
  --apply              carry the plan out, one place at a time: each place is read before and after its change,
                       and the run stops at the first failure; running it again resumes
  --delete-old         then delete the old certificate, only if a fresh read of every region and CloudFront
                       finds nothing that serves it
  --regions LIST       comma-separated regions, or "all" enabled regions (default ${ALL_REGIONS})
  --json               print the plan (and what --apply did) as JSON

${commonUsage(ROLLOUT_OPTIONS, {
  region: `  --region NAME        the home region: IAM, CloudFront and region discovery (default: AWS_REGION,
                       AWS_DEFAULT_REGION, the profile's region, else us-east-1)`,
  quiet:
    "  -q, --quiet          with --apply, each place's outcome and the summary only (no plan first); no notes on stderr",
})}

${EXIT_CODES}`;

/** What a test replaces: the waits between CertificateNotFound retries, the clock, and Ctrl-C. */
export interface RolloutRuntime {
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly signal?: AbortSignal;
}

const REAL_RUNTIME: RolloutRuntime = { sleep: (ms) => sleep(ms), now: () => Date.now() };

export async function main(argv: readonly string[], io: Io, runtime: RolloutRuntime = REAL_RUNTIME): Promise<ExitCode> {
  const refuse = (message: string) => {
    io.err(usageRefusal(message));
    return EXIT.couldNotRun;
  };
  let parsed;
  try {
    parsed = parseCommandLineWithOperands(argv, ROLLOUT_OPTIONS);
  } catch (error) {
    return refuse((error as Error).message);
  }
  const args = parsed.values;
  const info = helpOrVersion(args, USAGE);
  if (info !== undefined) {
    io.out(info);
    return EXIT.clean;
  }
  const [certificate, ...more] = parsed.positionals;
  if (certificate === undefined || more.length > 0) {
    const given =
      certificate === undefined ? 'none given' : `got ${parsed.positionals.map((o) => JSON.stringify(o)).join(', ')}`;
    // `rollout shop apply`: the second word was meant as an option.
    const near = more.map((o) => closestName(o, Object.keys(ROLLOUT_OPTIONS))).find((n) => n !== undefined);
    return refuse(
      `give exactly one certificate, its IAM name or ARN (${given})${near ? `: did you mean --${near}?` : ''}`,
    );
  }
  const regionProblem = regionFlagProblem(args.region);
  if (regionProblem) return refuse(regionProblem);
  const regions = regionsOf(args.regions);
  if (regions === undefined) {
    io.err(`Invalid options:\n  --regions: "${args.regions}" is neither "all" nor region names`);
    return EXIT.couldNotRun;
  }

  const profile = namedProfile(args.profile, io.env);
  const couldNotRun = async (error: unknown) => {
    io.err(`rollout failed: ${await explainError(error, { env: io.env, ...(profile ? { profile } : {}) })}`);
    return EXIT.couldNotRun;
  };
  let homeRegion;
  try {
    homeRegion = await resolveHomeRegion(args.region, profile, io.env);
  } catch (error) {
    return couldNotRun(error);
  }
  io.beforeAws?.(args.quiet);
  const clients = new AwsClients({ ...DEFAULT_CLIENT_OPTIONS, ...callerOptions(args, io.err), homeRegion });
  // The plan comes first on the terminal (not with --quiet when applying); each place's outcome then as it happens.
  const showPlan = !args.json && !(args.quiet && args.apply);
  try {
    const regionErrors = await regionsOptionErrors(clients, regions, false);
    if (regionErrors.length > 0) {
      io.err(`Invalid options:\n  ${regionErrors.join('\n  ')}`);
      return EXIT.couldNotRun;
    }
    const result = await runRollout(
      clients,
      {
        certificate,
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
          ...(args.json ? {} : { onOutcome: (o) => io.out(outcomeLine(o)) }),
        },
        ...(showPlan
          ? {
              onPlan: (plan) =>
                io.out(
                  `${planText(plan)}\n\n${args.apply ? 'Applying:' : 'Plan only: nothing was changed. Run again with --apply to carry it out.'}`,
                ),
            }
          : {}),
      },
    );
    // No such certificate: nothing to plan, as a bad argument (nothing on stdout, --json included).
    if (result.kind === 'not-found') {
      io.err(`rollout: ${emailText(result.reason)}`);
      return EXIT.couldNotRun;
    }
    if (args.json) io.out(resultJson(result));
    else if (result.kind === 'refused') io.out(refusalText(result.refusal));
    else if (result.applied) io.out(applySummary(result));
    return exitCodeOf(result);
  } catch (error) {
    return await couldNotRun(error);
  } finally {
    clients.destroy();
  }
}

/** The code of a rollout that ran (EXIT_CODES): refused or failed, then not everything read, then done. */
export function exitCodeOf(result: Exclude<RolloutResult, { kind: 'not-found' }>): ExitCode {
  if (result.kind === 'refused') return EXIT.findings;
  const deletion = result.deletion?.kind;
  if ((result.applied && failed(result.applied)) || deletion === 'refused' || deletion === 'failed')
    return EXIT.findings;
  return result.plan.coverage.complete ? EXIT.clean : EXIT.incomplete;
}

/** `npx iam-cert-expiry-monitor rollout …` (bin/cli.ts): Ctrl-C stops after the current place. */
export async function rolloutCommand(argv: readonly string[]): Promise<number> {
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
      beforeAws: (quiet) => noteNodeSupport(process, quiet),
    },
    { ...REAL_RUNTIME, signal: interrupt.signal },
  );
}
