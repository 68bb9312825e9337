/**
 * `npm run check -- --organization`: the organization run from a laptop, with management or delegated
 * administrator credentials. The same steps as the deployed state machine, in one process: list the ACTIVE
 * accounts under the OUs (or the root), scan each with the member role (your own account with your own
 * credentials), build the org report. Publishes nothing.
 */
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import pLimit from 'p-limit';
import { AwsClients, DEFAULT_CLIENT_OPTIONS } from '../lambda/aws/clients';
import { listAccountsUnder, listRootIds } from '../lambda/aws/organizations';
import { DEFAULT_CONCURRENCY } from '../lambda/create-handler';
import { selectAccounts } from '../lambda/org/accounts';
import { buildOrgReport, type OrgReport } from '../lambda/org/org-report';
import { scanAccount } from '../lambda/org/scan-account';
import { sdkConfig } from '../lambda/org/sdk-config';
import { renderEmailText } from '../lambda/render/email-text';
import { buildJsonReport } from '../lambda/render/json-report';
import { renderOrgEmailText } from '../lambda/render/org-email-text';
import { renderOrgJsonReport } from '../lambda/render/org-json-report';
import { renderTerminalTable } from '../lambda/render/terminal-table';
import type { CheckerSettings } from '../lambda/settings';
import { DEFAULT_ACCOUNT_CONCURRENCY, DEFAULT_MEMBER_ROLE_NAME } from '../contract/defaults';
import { ACCOUNT_ID, isOuOrRootId, ROLE_NAME } from '../contract/validation';

export interface OrgCheckOptions {
  /** @default DEFAULT_MEMBER_ROLE_NAME */
  readonly roleName?: string;
  /** Roots or OUs to scan. @default the organization's root */
  readonly organizationalUnits: readonly string[];
  readonly excludeAccounts: readonly string[];
  readonly json: boolean;
  readonly homeRegion: string;
}

export const ORG_USAGE = `Organization options (with --organization):
  --role-name NAME     the member read role in every account (default ${DEFAULT_MEMBER_ROLE_NAME})
  --ou ID              an OU id (ou-...) or the root id (r-...) to scan, recursively; repeatable
                       (default: the organization's root)
  --exclude ID         a 12-digit account id never scanned; repeatable
  --json               print the organization report (schema/org-report.schema.json)
With --organization: exit 1 if anything is flagged, else 2 if some account could not be checked.`;

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
  const sdk = sdkConfig(options.homeRegion);
  const organizations = new OrganizationsClient(sdk);
  const sts = new STSClient(sdk);
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    const partition = identity.Arn?.split(':')[1] ?? 'aws';
    const parents =
      options.organizationalUnits.length > 0 ? options.organizationalUnits : await listRootIds(organizations);
    const accounts = selectAccounts(await listAccountsUnder(organizations, parents), {
      excludeAccounts: new Set(options.excludeAccounts),
      hubAccountId: identity.Account ?? 'unknown',
    });
    const now = new Date();
    const deps = {
      settings: { ...settings, memberRoleName: options.roleName ?? DEFAULT_MEMBER_ROLE_NAME },
      sts,
      clientsFor: (credentials: ConstructorParameters<typeof AwsClients>[0]['credentials']) =>
        new AwsClients({
          ...DEFAULT_CLIENT_OPTIONS,
          homeRegion: options.homeRegion,
          ...(credentials ? { credentials } : {}),
        }),
      concurrency: DEFAULT_CONCURRENCY,
    };
    // As many accounts at once as the deployed run's default.
    const limit = pLimit(DEFAULT_ACCOUNT_CONCURRENCY);
    const outcomes = await Promise.all(
      accounts.map((account) => limit(async () => (await scanAccount(deps, { account, partition, now })).outcome)),
    );
    const org = buildOrgReport({ generatedAt: now, listed: accounts, outcomes });
    out(options.json ? renderOrgJsonReport({ org, sections: fullSections(org) }) : renderTable(org));
    return org.accounts.length > 0 ? 1 : org.notChecked.length > 0 ? 2 : 0;
  } finally {
    organizations.destroy();
    sts.destroy();
  }
}

/** Every account's whole report (no SNS limit on a terminal). */
function fullSections(org: OrgReport) {
  return org.accounts.map((account) => ({
    account,
    email: renderEmailText(account.report),
    json: buildJsonReport(account.report),
  }));
}

function renderTable(org: OrgReport): string {
  const parts = [renderOrgEmailText({ org, sections: [] }).trimEnd()];
  for (const { account, report } of org.accounts) {
    parts.push(
      '',
      `== ${account.accountId}${account.accountName ? ` (${account.accountName})` : ''} ==`,
      renderTerminalTable(report).trimEnd(),
    );
  }
  return parts.join('\n');
}
