/**
 * `npm run check -- --organization`: the organization run from a laptop, with management or delegated
 * administrator credentials: its options, then the one organization pipeline (runOrganizationCheck) and the
 * report on the terminal. Publishes nothing.
 */
import { DEFAULT_MEMBER_ROLE_NAME } from '../contract/defaults';
import { ACCOUNT_ID, isOuOrRootId, ROLE_NAME } from '../contract/validation';
import { runOrganizationCheck } from '../lambda/org/run-organization-check';
import {
  notCheckedInFull,
  orgProgressLine,
  renderOrgEmail,
  renderOrgJson,
  renderOrgTable,
} from '../lambda/render/org-terminal';
import type { OrgReport } from '../lambda/domain/org-report';
import type { CheckerSettings } from '../lambda/settings';
import type { CallerOptions } from '../lambda/aws/clients';
import { DEFAULT_FAIL_ON, exitCode, type ExitCode, type FailOn } from './exit-code';
import { emitOutput, isFindingsFormat, renderFindingsAs, type OutputIo, type OutputOptions } from './output-format';
import { progressLine, type Terminal } from './progress-line';

export interface OrgCheckOptions {
  /** @default DEFAULT_MEMBER_ROLE_NAME */
  readonly roleName?: string;
  /** Roots or OUs to scan. @default the organization's root */
  readonly organizationalUnits: readonly string[];
  readonly excludeAccounts: readonly string[];
  readonly output: OutputOptions;
  readonly homeRegion: string;
  /** Where the progress line goes while accounts are scanned (a terminal only). @default none */
  readonly progress?: Terminal;
  /** Findings only (`--quiet`): no progress line, no notes. @default false */
  readonly quiet?: boolean;
  /** Colour the tables on the terminal (never in a file). @default false */
  readonly colour?: boolean;
  /** The caller's --profile and --verbose listener. @default none */
  readonly caller?: CallerOptions;
  /** @default DEFAULT_FAIL_ON */
  readonly failOn?: FailOn;
}

export const ORG_USAGE = `Organization options (with --organization):
  --role-name NAME     the member read role in every account (default ${DEFAULT_MEMBER_ROLE_NAME})
  --ou IDS             OU ids (ou-...) and/or the root id (r-...) to scan, recursively; comma-separated or repeated
                       (default: the organization's root)
  --exclude IDS        12-digit account ids never scanned; comma-separated or repeated
  --format, -o         as for one account, over every account: the table per account with findings and a line
                       per account not checked in full; json, csv, ocsf and asff name each record's account`;

/** Problems with the organization options, one line each. */
export function validateOrgOptions(options: OrgCheckOptions): string[] {
  const errors: string[] = [];
  if (options.roleName !== undefined && !ROLE_NAME.test(options.roleName))
    errors.push(`--role-name: expected an IAM role name, got ${JSON.stringify(options.roleName)}`);
  for (const id of options.organizationalUnits) {
    if (!isOuOrRootId(id))
      errors.push(`--ou: expected an OU id (ou-…) or the root id (r-…), got ${JSON.stringify(id)}`);
  }
  for (const id of options.excludeAccounts)
    if (!ACCOUNT_ID.test(id)) errors.push(`--exclude: expected a 12-digit account id, got ${JSON.stringify(id)}`);
  return errors;
}

/** Runs the organization check; returns the exit code. AWS errors (listing the organization) propagate. */
export async function checkOrganization(
  options: OrgCheckOptions,
  settings: CheckerSettings,
  io: OutputIo,
): Promise<number> {
  // JSON's users read stderr as errors only: no progress beside it, nor with --quiet.
  const progress = progressLine(options.output.format === 'json' || options.quiet ? undefined : options.progress);
  let org: OrgReport;
  try {
    org = await runOrganizationCheck({
      homeRegion: options.homeRegion,
      settings: { ...settings, memberRoleName: options.roleName ?? DEFAULT_MEMBER_ROLE_NAME },
      organizationalUnits: options.organizationalUnits,
      excludeAccounts: new Set(options.excludeAccounts),
      now: new Date(),
      ...(options.caller ? { caller: options.caller } : {}),
      onProgress: (p) => progress.show(orgProgressLine(p)),
    });
  } finally {
    progress.end();
  }
  // Colour only on the terminal: a file gets the plain table.
  const colour = options.colour ?? false;
  const table = renderOrgTable(org, { colour: colour && options.output.file === undefined });
  emitOutput(
    io,
    options.output,
    { text: orgOutput(org, options, table), table: renderOrgTable(org, { colour }), notChecked: notCheckedInFull(org) },
    options.quiet,
  );
  return orgExitCodeOf(org, options.failOn);
}

function orgOutput(org: OrgReport, options: OrgCheckOptions, table: string): string {
  const { format } = options.output;
  if (isFindingsFormat(format))
    return renderFindingsAs(
      format,
      org.accounts.map((a) => a.report),
      options.homeRegion,
    );
  switch (format) {
    case 'table':
      return table;
    case 'json':
      return renderOrgJson(org);
    case 'email':
      return renderOrgEmail(org);
  }
}

/**
 * The table's rule over every account: a failing finding in any; else an account not checked, or checked with
 * gaps (with findings below --fail-on too); else clean.
 */
export function orgExitCodeOf(org: OrgReport, failOn: FailOn = DEFAULT_FAIL_ON): ExitCode {
  return exitCode({
    severities: org.accounts.flatMap((a) => a.report.findings.map((f) => f.severity)),
    incomplete:
      org.notChecked.length > 0 ||
      (org.partlyChecked?.length ?? 0) > 0 ||
      org.accounts.some((a) => !a.report.coverage.complete),
    failOn,
  });
}
