/**
 * The findings as Security Hub CSPM import requests (`check --format asff`, pure): the findings the Security Hub
 * sink imports (asffFinding), as `{"Findings":[...]}` documents that `aws securityhub batch-import-findings
 * --cli-input-json` takes, one per line. Each document is one BatchImportFindings call as the sink batches them
 * (at most 100 findings and 6 MB) and holds one account's findings only: the account's default product imports
 * only its own findings, so each document is imported with that account's credentials. One account with up to
 * 100 findings is one line: a file `--cli-input-json file://out.json` reads whole. Nothing on a quiet day (the
 * call takes at least one finding).
 *
 * Only the active findings: archiving the ones no longer raised needs the stored findings (`--security-hub` reads
 * them); CreatedAt is this run's time, as for a finding imported for the first time.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { IMPORT_MAX_BYTES, IMPORT_MAX_FINDINGS } from '../aws/security-hub';
import { batches } from '../domain/batches';
import type { Report } from '../domain/types';
import { asffFinding, partitionOfRegion } from './asff-finding';
import { utf8Bytes } from './format';

/** The region whose Security Hub the findings are for (their ProductArn names it): the caller's home region. */
export function asffImportRequests(reports: readonly Report[], region: string): { Findings: AwsSecurityFinding[] }[] {
  const partition = partitionOfRegion(region);
  return reports.flatMap((report) => {
    const ctx = { region, partition, now: report.generatedAt, createdAt: new Map<string, string>() };
    const findings = report.findings.map((f) => asffFinding(f, report, ctx));
    const limits = { maxItems: IMPORT_MAX_FINDINGS, maxBytes: IMPORT_MAX_BYTES, sizeOf: findingBytes };
    return batches(findings, limits).map((batch) => ({ Findings: batch }));
  });
}

export function renderAsffImports(reports: readonly Report[], region: string): string {
  return asffImportRequests(reports, region)
    .map((request) => `${JSON.stringify(request)}\n`)
    .join('');
}

function findingBytes(finding: AwsSecurityFinding): number {
  return utf8Bytes(JSON.stringify(finding));
}
