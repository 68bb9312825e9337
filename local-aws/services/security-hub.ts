/**
 * Security Hub CSPM (REST-JSON, signing name `securityhub`): the findings of the caller's account in the request's
 * region, kept between calls (`server.securityHubFindings(account, region)`).
 * - BatchImportFindings (`POST /findings/import`): 1 to 100 findings and at most 6 MB a call (InvalidInputException
 *   otherwise); each finding is imported or listed in `FailedFindings` with its error: `InvalidAccess` where Security
 *   Hub is not enabled or for a product other than the account's `default` one, `InvalidInput` for a finding that
 *   does not adhere to ASFF or passes 240 KB, `AccessDeniedException` when its `AwsAccountId` is not the caller's
 *   (the default product imports only the caller's own findings). What an import may change: security-hub-import.ts.
 *   https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchImportFindings.html
 *   https://docs.aws.amazon.com/securityhub/latest/partnerguide/guidelines-batchimportfindings.html (limits)
 * - GetFindings (`POST /findings`): string `Filters` (security-hub-filters.ts), `MaxResults` 1-100, `NextToken`;
 *   InvalidAccessException (401) where Security Hub is not enabled.
 *   https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_GetFindings.html
 */
import type { Finding } from '../estate/finding-store';
import { AwsError, validationError } from '../protocols/aws-error';
import { jsonArray, jsonInt, jsonObject, jsonString, rejectUnmodelled } from '../protocols/json-input';
import { paginate } from '../protocols/paging';
import { findingFilter } from './security-hub-filters';
import {
  asffProblem,
  importedFinding,
  isNewer,
  SECURITY_HUB_MAX_FINDING_BYTES,
  type ValidFinding,
} from './security-hub-import';
import type { ActionContext, ServiceDefinition } from './service';

export const SECURITY_HUB_MAX_IMPORT = 100;
const MAX_IMPORT_BYTES = 6 * 1024 * 1024;
const MAX_RESULTS = { min: 1, max: 100, defaultValue: 100 };
const INVALID_INPUT = 'InvalidInputException';

interface ImportError {
  readonly Id: string;
  readonly ErrorCode: string;
  readonly ErrorMessage: string;
}

/** The account's own custom-findings product in a region. */
export function defaultProductArn(region: string, accountId: string): string {
  return `arn:aws:securityhub:${region}:${accountId}:product/${accountId}/default`;
}

function notSubscribed({ index, region }: ActionContext): string {
  return `Account ${index.accountId} is not subscribed to AWS Security Hub in ${region}`;
}

/** Stores one finding, or says why it failed. */
function importOne(raw: unknown, ctx: ActionContext, now: Date): ImportError | undefined {
  const finding = (raw !== null && typeof raw === 'object' ? raw : {}) as Finding;
  const id = typeof finding.Id === 'string' ? finding.Id : '';
  const fail = (ErrorCode: string, ErrorMessage: string): ImportError => ({ Id: id, ErrorCode, ErrorMessage });
  const { index, region } = ctx;
  if (!index.securityHubEnabled(region)) return fail('InvalidAccess', notSubscribed(ctx));
  if (Buffer.byteLength(JSON.stringify(finding)) > SECURITY_HUB_MAX_FINDING_BYTES)
    return fail('InvalidInput', 'Finding size exceeds the 240 KB limit.');
  const problem = asffProblem(finding);
  if (problem) return fail('InvalidInput', problem);
  const valid = finding as ValidFinding;
  if (valid.ProductArn !== defaultProductArn(region, index.accountId))
    return fail('InvalidAccess', `Product ${valid.ProductArn} is not enabled for account ${index.accountId}.`);
  if (valid.AwsAccountId !== index.accountId) {
    return fail(
      'AccessDeniedException',
      `AwsAccountId ${String(valid.AwsAccountId)} is not the calling account ${index.accountId}; the default product imports only the calling account's findings.`,
    );
  }
  const injected = ctx.entryFault();
  if (injected) return fail(injected.code, injected.message);
  const stored = ctx.findings.get(index.accountId, region, valid.ProductArn, valid.Id);
  if (isNewer(valid, stored)) {
    const updated = importedFinding(valid, stored, region, now) as ValidFinding;
    ctx.findings.put(index.accountId, region, updated);
  }
  return undefined;
}

export const securityHubService: ServiceDefinition = {
  name: 'securityhub',
  protocol: 'rest-json',
  namespace: 'securityhub',
  regional: true,
  actions: {
    BatchImportFindings: (ctx) => {
      const findings = jsonArray(ctx.input, 'Findings');
      if (findings === undefined) throw validationError('findings', null, 'Member must not be null', INVALID_INPUT);
      if (findings.length < 1 || findings.length > SECURITY_HUB_MAX_IMPORT) {
        throw new AwsError(
          INVALID_INPUT,
          `Findings must hold 1 to ${SECURITY_HUB_MAX_IMPORT} findings, not ${findings.length}.`,
        );
      }
      if (Buffer.byteLength(JSON.stringify(findings)) > MAX_IMPORT_BYTES)
        throw new AwsError(INVALID_INPUT, 'The findings in one request must not pass 6 MB.');
      const now = new Date();
      const failed = findings.flatMap((f) => importOne(f, ctx, now) ?? []);
      return JSON.stringify({
        FailedCount: failed.length,
        SuccessCount: findings.length - failed.length,
        FailedFindings: failed,
      });
    },
    GetFindings: (ctx) => {
      const { input, index, region } = ctx;
      if (!index.securityHubEnabled(region)) throw new AwsError('InvalidAccessException', notSubscribed(ctx), 401);
      rejectUnmodelled(input, ['SortCriteria'], 'GetFindings', INVALID_INPUT);
      const maxResults = jsonInt(input, 'MaxResults', 'maxResults', MAX_RESULTS, INVALID_INPUT);
      const matches = findingFilter(jsonObject(input, 'Filters') ?? {});
      const invalidToken = new AwsError(INVALID_INPUT, 'The NextToken is not valid.');
      const all = ctx.findings.list(index.accountId, region).filter(matches);
      const page = paginate(all, jsonString(input, 'NextToken'), maxResults, invalidToken);
      return JSON.stringify({
        Findings: page.items,
        ...(page.nextMarker !== undefined ? { NextToken: page.nextMarker } : {}),
      });
    },
  },
};
