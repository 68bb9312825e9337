/**
 * `npm run check -- --organization`: the organization run from a laptop, with management or delegated
 * administrator credentials: its options, then the one organization pipeline (runOrganizationCheck) and the
 * report on the terminal. Publishes nothing.
 */
import { DEFAULT_MEMBER_ROLE_NAME } from '../contract/defaults';
import { ACCOUNT_ID, isOuOrRootId, ROLE_NAME } from '../contract/validation';
import { runOrganizationCheck } from '../lambda/org/run-organization-check';
import { renderOrgJson, renderOrgTable } from '../lambda/render/org-terminal';
import type { OrgReport } from '../lambda/domain/org-report';
import type { CheckerSettings } from '../lambda/settings';
import type { CallerOptions } from '../lambda/aws/clients';
import { DEFAULT_FAIL_ON, exitCode, type ExitCode, type FailOn } from './exit-code';

export interface OrgCheckOptions {
  /** @default DEFAULT_MEMBER_ROLE_NAME */
  readonly roleName?: string;
  /** Roots or OUs to scan. @default the organization's root */
  readonly organizationalUnits: readonly string[];
  readonly excludeAccounts: readonly string[];
  readonly json: boolean;
  readonly homeRegion: string;
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
  --json               print the organization report (schema/org-report.schema.json)`;

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
  out: (text: string) => void,
): Promise<number> {
  const org = await runOrganizationCheck({
    homeRegion: options.homeRegion,
    settings: { ...settings, memberRoleName: options.roleName ?? DEFAULT_MEMBER_ROLE_NAME },
    organizationalUnits: options.organizationalUnits,
    excludeAccounts: new Set(options.excludeAccounts),
    now: new Date(),
    ...(options.caller ? { caller: options.caller } : {}),
  });
  out(options.json ? renderOrgJson(org) : renderOrgTable(org));
  return orgExitCodeOf(org, options.failOn);
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
