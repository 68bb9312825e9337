/**
 * `npx iam-cert-expiry-monitor check [options]`: the monitor's scan from a laptop, with your own AWS credentials.
 * Dry run unless --publish is given. Exit codes (both modes): EXIT_CODES.
 */
import type { ParseArgsConfig } from 'node:util';
import { checkOrganization, ORG_USAGE, validateOrgOptions } from './check-organization';
import { AwsClients, DEFAULT_CLIENT_OPTIONS } from '../lambda/aws/clients';
import { runCheck, type CheckOutcome } from '../lambda/check';
import { DEFAULT_CONCURRENCY } from '../lambda/create-handler';
import { ENV } from '../contract/environment';
import { renderJsonReport } from '../lambda/render/json-report';
import { renderTerminalTable } from '../lambda/render/terminal-table';
import { parseSettings, type CheckerSettings } from '../lambda/settings';
import { deliveryFailureText } from '../lambda/domain/delivery-failure';
import { enabledSinks } from '../lambda/sinks/enabled-sinks';
import { SNS_DIGEST } from '../lambda/sinks/sns-digest-sink';
import { callerIdentity } from '../lambda/aws/sts';
import { STSClient } from '@aws-sdk/client-sts';
import { noteNodeSupport } from './node-support';
import { DEFAULT_THRESHOLDS } from '../contract/defaults';
import {
  ALL_REGIONS,
  didYouMean,
  regionProblems,
  THRESHOLD_DAYS_RULE,
  WARNING_DAYS,
  warningFitsThreshold,
} from '../contract/validation';
import { listRegions, type AccountRegions } from '../lambda/aws/regions';
import { quietDayReport } from './quiet-day-report';
import { DEFAULT_FAIL_ON, EXIT, EXIT_CODES, exitCode, FAIL_ON_VALUES, type ExitCode, type FailOn } from './exit-code';
import { serviceLabel } from '../lambda/render/format';
import { emailText } from '../lambda/text/sanitise';
import { COMMON_OPTIONS, COMMON_USAGE, helpOrVersion, parseCommandLine, usageRefusal, UsageError } from './cli-options';
import { callerOptions, homeRegion as resolveHomeRegion, namedProfile, regionFlagProblem } from './aws-caller';
import { explainError } from './explain-error';
import { colourWanted } from './colour';
import type { CallerOptions } from '../lambda/aws/clients';
import { callerClient, sdkConfig } from '../lambda/org/sdk-config';
import { closestName } from '../contract/closest-name';
import type { CoverageGap, Report } from '../lambda/domain/types';
import { renderEmailText } from '../lambda/render/email-text';
import {
  emitOutput,
  FORMAT_USAGE,
  isFindingsFormat,
  outputOptions,
  renderFindingsAs,
  type OutputOptions,
} from './output-format';
import type { Terminal } from './progress-line';

/** The exit code of an account run: its report (absent on a quiet day) and what it could not check. */
export function exitCodeOf(outcome: Pick<CheckOutcome, 'report' | 'gaps'>, failOn: FailOn = DEFAULT_FAIL_ON): ExitCode {
  return exitCode({
    severities: outcome.report?.findings.map((f) => f.severity) ?? [],
    incomplete: outcome.gaps.length > 0,
    failOn,
  });
}

/** `--ou a,b --ou c` -> a, b, c. */
export function commaSeparated(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

export const USAGE = `Usage: npx iam-cert-expiry-monitor check [options]

Scans this account's IAM server certificates like the deployed monitor does, with your default AWS
credentials (AWS_PROFILE, SSO, environment). Prints a table; publishes nothing unless --publish is given.

Options:
  --days N             critical threshold in days, 1-365 (default ${DEFAULT_THRESHOLDS.thresholdDays})
  --warning-days N     warning threshold in days, 0 = off, else greater than --days (default ${DEFAULT_THRESHOLDS.warningDays})
  --regions LIST       comma-separated regions, or "all" enabled regions (default ${ALL_REGIONS})
${FORMAT_USAGE}
  --publish TOPIC_ARN  also publish the alert to this SNS topic, exactly as the monitor would
  --security-hub       also import the findings into Security Hub CSPM in your credentials' region (and
                       archive the monitor's findings of certificates no longer flagged), as Prowler does
  --event-bus NAME     also put one EventBridge event per flagged certificate on this bus (name or ARN)
  --organization       scan every account of your AWS Organization through its member role (needs
                       management or delegated administrator credentials; publishes nothing)
  --fail-on SEVERITY   the least urgent severity that fails the run (exit 1): ${FAIL_ON_VALUES.join(', ')}
                       (default ${DEFAULT_FAIL_ON}: any flagged certificate; none: findings never fail it)

${ORG_USAGE}

${COMMON_USAGE}

${EXIT_CODES}`;

export interface Io {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether stdout is a terminal (colour). @default false */
  readonly stdoutIsTTY?: boolean;
  /** Called once the command line is valid, before the first AWS client: the Node.js notice. @default none */
  readonly beforeAws?: (quiet: boolean) => void;
  /** Where the organization run shows its progress line (a terminal only). @default none */
  readonly progress?: Terminal;
}

const CHECK_OPTIONS = {
  // No defaults here: a refusal must know which threshold the user gave.
  days: { type: 'string' },
  'warning-days': { type: 'string' },
  regions: { type: 'string', default: ALL_REGIONS },
  json: { type: 'boolean', default: false },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  publish: { type: 'string' },
  'security-hub': { type: 'boolean', default: false },
  'event-bus': { type: 'string' },
  organization: { type: 'boolean', default: false },
  'role-name': { type: 'string' },
  ou: { type: 'string', multiple: true, default: [] },
  exclude: { type: 'string', multiple: true, default: [] },
  'fail-on': { type: 'string', default: DEFAULT_FAIL_ON },
  ...COMMON_OPTIONS,
} satisfies ParseArgsConfig['options'];

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseCommandLine(argv, CHECK_OPTIONS);
    usageProblems(args);
  } catch (error) {
    io.err(usageRefusal((error as Error).message));
    return EXIT.couldNotRun;
  }
  const info = helpOrVersion(args, USAGE);
  if (info !== undefined) {
    io.out(info);
    return EXIT.clean;
  }
  const failOn = args['fail-on'] as FailOn;

  let settings;
  try {
    settings = parseSettings({
      // Without --publish nothing is sent; the ARN only has to be well formed.
      [ENV.topicArn]: args.publish ?? 'arn:aws:sns:us-east-1:000000000000:dry-run',
      [ENV.thresholdDays]: args.days ?? String(DEFAULT_THRESHOLDS.thresholdDays),
      [ENV.warningDays]: args['warning-days'] ?? String(DEFAULT_THRESHOLDS.warningDays),
      [ENV.regions]: args.regions,
      [ENV.securityHub]: String(args['security-hub']),
      [ENV.eventBus]: args['event-bus'] ?? '',
    });
  } catch (error) {
    const message = (error as Error).message
      .replace(ENV.topicArn, '--publish')
      .replace(new RegExp(ENV.warningDays, 'g'), '--warning-days')
      .replace(new RegExp(ENV.thresholdDays, 'g'), '--days')
      .replace(ENV.regions, '--regions')
      .replace(ENV.eventBus, '--event-bus')
      .replace('Invalid checker environment:', 'Invalid options:');
    io.err(message);
    return EXIT.couldNotRun;
  }

  const output = outputOptions(args);
  if ('error' in output) {
    io.err(`Invalid options:\n  ${output.error}`);
    return EXIT.couldNotRun;
  }

  const profile = namedProfile(args.profile, io.env);
  const failed = async (error: unknown) =>
    io.err(`check failed: ${await explainError(error, { env: io.env, ...(profile ? { profile } : {}) })}`);
  const caller = callerOptions(args, io.err);
  let homeRegion;
  try {
    homeRegion = await resolveHomeRegion(args.region, profile, io.env);
  } catch (error) {
    await failed(error);
    return EXIT.couldNotRun;
  }
  // Severities in colour on a terminal only; a file written with -o gets the plain table.
  const colour = colourWanted(io.stdoutIsTTY ?? false, io.env, args['no-color']);
  const orgOptions = {
    ...(args['role-name'] !== undefined ? { roleName: args['role-name'] } : {}),
    organizationalUnits: commaSeparated(args.ou),
    excludeAccounts: commaSeparated(args.exclude),
    output,
    homeRegion,
    caller,
    failOn,
    quiet: args.quiet,
    colour,
    ...(io.progress ? { progress: io.progress } : {}),
  };
  const orgOnly = args['role-name'] !== undefined || args.ou.length > 0 || args.exclude.length > 0;
  const usageErrors = args.organization
    ? [
        ...validateOrgOptions(orgOptions),
        ...(args.publish !== undefined ? ['--publish: not available with --organization'] : []),
        ...(args['security-hub'] || args['event-bus'] !== undefined
          ? ['--security-hub and --event-bus: not available with --organization (the deployed run delivers them)']
          : []),
      ]
    : orgOnly
      ? ['--role-name, --ou and --exclude need --organization']
      : [];
  if (usageErrors.length > 0) {
    io.err(`Invalid options:\n  ${usageErrors.join('\n  ')}`);
    return EXIT.couldNotRun;
  }

  io.beforeAws?.(args.quiet);
  const clients = new AwsClients({ ...DEFAULT_CLIENT_OPTIONS, ...caller, homeRegion });
  try {
    const regionErrors = await regionsOptionErrors(clients, settings.regions, args.organization);
    if (regionErrors.length > 0) {
      io.err(`Invalid options:\n  ${regionErrors.join('\n  ')}`);
      return EXIT.couldNotRun;
    }
    if (args.organization) return await checkOrganization(orgOptions, settings, io);
    const now = new Date();
    // Without --publish the SNS digest is left out; --security-hub and --event-bus add their sinks.
    const sinks = enabledSinks(settings, clients).filter((s) => s.name !== SNS_DIGEST || args.publish !== undefined);
    const outcome = await runCheck(clients, {
      settings,
      // Security Hub's findings name the account even on a quiet day, when no certificate ARN shows it.
      ...(settings.securityHub ? { accountId: await accountOfCaller(homeRegion, caller) } : {}),
      now,
      concurrency: DEFAULT_CONCURRENCY,
      sinks,
    });
    for (const failure of outcome.deliveryFailures) io.err(emailText(deliveryFailureText(failure)));
    const report = outcome.report && outcome.report.findings.length > 0 ? outcome.report : undefined;
    // A quiet day prints the same JSON schema; its account id comes from STS (no certificate may hold it).
    const quiet = async () =>
      quietDayReport({
        accountId: await accountOfCaller(homeRegion, caller),
        generatedAt: now,
        thresholds: settings.thresholds,
        certificatesScanned: outcome.certificatesScanned,
        gaps: outcome.gaps,
      });
    const tableIn = (coloured: boolean) =>
      report ? renderTerminalTable(report, { colour: coloured }) : quietDayText(outcome);
    if (!report && args.quiet && output.format === 'table' && output.file === undefined) {
      // --quiet: findings only; what could not be checked still shows, on stderr.
      if (outcome.gaps.length > 0) io.err(quietDayText(outcome));
    } else {
      const text = await accountOutput(output, {
        report,
        table: tableIn(colour && output.file === undefined),
        quiet,
        region: homeRegion,
      });
      emitOutput(io, output, { text, table: tableIn(colour), notChecked: gapLines(outcome.gaps) }, args.quiet);
    }
    if (outcome.messageIds.length > 0 && !args.quiet)
      io.err(`Published ${outcome.messageIds.length} message(s) to ${settings.topicArn}.`);
    return exitCodeOf(outcome, failOn);
  } catch (error) {
    await failed(error);
    return EXIT.couldNotRun;
  } finally {
    clients.destroy();
  }
}

/**
 * The `--regions` names that cannot be scanned, one line each, from the regions the caller's account lists: no
 * region at all (with the nearest one), or, for this account's own scan, a region it has not enabled (an
 * organization's members may have enabled one the caller's account has not: their scans name it). None when the
 * list cannot be read (the scan then names that gap) or every enabled region is asked for.
 */
export async function regionsOptionErrors(
  clients: AwsClients,
  regions: CheckerSettings['regions'],
  organization: boolean,
): Promise<string[]> {
  if (regions === ALL_REGIONS) return [];
  let listed: AccountRegions;
  try {
    listed = await listRegions(clients.ec2);
  } catch {
    return [];
  }
  const all = [...listed.enabled, ...listed.notEnabled];
  return regionProblems(regions, all, organization ? all : listed.enabled).map((p) =>
    p.problem === 'unknown'
      ? `--regions: ${p.region} is not a region${didYouMean(p.suggestion)}`
      : `--regions: ${p.region} is not enabled in this account (an opt-in region): opt in, or leave it out`,
  );
}

async function accountOfCaller(region: string, caller: CallerOptions): Promise<string> {
  const sts = callerClient(new STSClient(sdkConfig(region, caller)), region, caller);
  try {
    return (await callerIdentity(sts)).accountId;
  } finally {
    sts.destroy();
  }
}

/** One account's output in the chosen format; `report` absent on a quiet day. */
async function accountOutput(
  output: OutputOptions,
  run: {
    readonly report: Report | undefined;
    readonly table: string;
    readonly quiet: () => Promise<Report>;
    readonly region: string;
  },
): Promise<string> {
  const { format } = output;
  if (isFindingsFormat(format)) return renderFindingsAs(format, run.report ? [run.report] : [], run.region);
  switch (format) {
    case 'table':
      return run.table;
    case 'json':
      return renderJsonReport(run.report ?? (await run.quiet()));
    case 'email':
      // A quiet day sends no email: the terminal's sentence says why.
      return run.report ? renderEmailText(run.report) : run.table;
  }
}

/** A quiet day on the terminal: an all-clear only when everything was checked. */
function quietDayText(outcome: CheckOutcome): string {
  if (outcome.gaps.length === 0)
    return `Nothing to report: none of the ${outcome.certificatesScanned} IAM server certificates expires within the thresholds.`;
  return [
    `Nothing flagged among the ${outcome.certificatesScanned} IAM server certificates, but not everything could be checked:`,
    ...gapLines(outcome.gaps),
  ].join('\n');
}

/** `  eu-west-1 Classic ELB listeners: AccessDenied…`, one line per gap. */
function gapLines(gaps: readonly CoverageGap[]): string[] {
  return gaps.map((g) => `  ${g.region} ${serviceLabel(g.service)}: ${emailText(g.reason)}`);
}

/**
 * Refusals parseArgs cannot make: a --fail-on that is no severity, a --region that is no region name, and a --days
 * that the default warning tier no longer fits (the fix is the user's --days, or a --warning-days of theirs).
 */
function usageProblems(args: {
  readonly 'fail-on': string;
  readonly region?: string | undefined;
  readonly days?: string | undefined;
  readonly 'warning-days'?: string | undefined;
}): void {
  const failOn = args['fail-on'];
  if (!(FAIL_ON_VALUES as readonly string[]).includes(failOn)) {
    const near = closestName(failOn, FAIL_ON_VALUES);
    throw new UsageError(
      `--fail-on: expected one of ${FAIL_ON_VALUES.join(', ')}, got ${JSON.stringify(failOn)}${didYouMean(near)}`,
    );
  }
  const region = regionFlagProblem(args.region);
  if (region) throw new UsageError(region);
  const days = args.days === undefined ? undefined : THRESHOLD_DAYS_RULE.parse(args.days);
  const { warningDays } = DEFAULT_THRESHOLDS;
  if (typeof days === 'number' && args['warning-days'] === undefined && !warningFitsThreshold(warningDays, days))
    throw new UsageError(
      `--days ${days}: the warning tier (--warning-days, default ${warningDays}) must start before the critical ` +
        `threshold; give --warning-days greater than ${days} (at most ${WARNING_DAYS.max}), or --warning-days 0 for no warning tier`,
    );
}

/** The command as a user runs it: this process's arguments, streams and exit code. */
export async function checkCommand(argv: readonly string[]): Promise<number> {
  return main(argv, {
    env: process.env,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    stdoutIsTTY: process.stdout.isTTY === true,
    beforeAws: (quiet) => noteNodeSupport(process, quiet),
    progress: process.stderr,
  });
}
