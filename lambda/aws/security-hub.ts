/**
 * Security Hub CSPM adapter (thin): import findings, and read the monitor's own active findings.
 * - BatchImportFindings: 1-100 findings and at most 6 MB a call, 240 KB a finding; per-finding failures come back
 *   in `FailedFindings` (https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchImportFindings.html).
 * - GetFindings: string filters, `MaxResults` up to 100, paged with `NextToken` (the SDK's paginator)
 *   (https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_GetFindings.html).
 */
import {
  BatchImportFindingsCommand,
  paginateGetFindings,
  type AwsSecurityFinding,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { boundedPages } from './bounded-pages';
import { LISTING_PAGE_CAPS } from './listing-caps';
import { sendOptions } from './send-options';

export const IMPORT_MAX_FINDINGS = 100;
export const IMPORT_MAX_BYTES = 6 * 1024 * 1024;
export const FINDING_MAX_BYTES = 240 * 1024;

export interface ImportFailure {
  readonly id: string;
  readonly code: string;
  readonly message: string;
}

/** One BatchImportFindings call; returns the findings it did not import, with Security Hub's reason. */
export async function importFindings(
  client: SecurityHubClient,
  findings: readonly AwsSecurityFinding[],
  abortSignal?: AbortSignal,
): Promise<ImportFailure[]> {
  const output = await client.send(
    new BatchImportFindingsCommand({ Findings: [...findings] }),
    sendOptions(abortSignal),
  );
  return (output.FailedFindings ?? []).map((f) => ({
    id: f.Id ?? '',
    code: f.ErrorCode ?? 'Unknown',
    message: f.ErrorMessage ?? '',
  }));
}

export interface OwnFindingsFilter {
  readonly productArn: string;
  readonly generatorId: string;
  readonly accountId: string;
}

/** The active findings this product and generator raised for the account, every page. */
export async function listActiveFindings(
  client: SecurityHubClient,
  filter: OwnFindingsFilter,
  abortSignal?: AbortSignal,
): Promise<AwsSecurityFinding[]> {
  const equals = (Value: string) => [{ Value, Comparison: 'EQUALS' as const }];
  const findings: AwsSecurityFinding[] = [];
  const pages = paginateGetFindings(
    { client, pageSize: 100 },
    {
      Filters: {
        ProductArn: equals(filter.productArn),
        GeneratorId: equals(filter.generatorId),
        AwsAccountId: equals(filter.accountId),
        RecordState: equals('ACTIVE'),
      },
    },
    { abortSignal },
  );
  const bounded = boundedPages(pages, {
    action: 'GetFindings',
    maxPages: LISTING_PAGE_CAPS.securityHubOwnFindings,
    nextToken: (page) => page.NextToken,
    abortSignal,
  });
  for await (const page of bounded) findings.push(...(page.Findings ?? []));
  return findings;
}
