/**
 * The limits the Security Hub sink keeps, as a check on a `--format asff` import request: the request within one
 * BatchImportFindings call (1-100 findings, 6 MB, one account), and each finding as the loopback Security Hub
 * accepts it (the required ASFF attributes, 240 KB) with the field limits asff-finding.ts enforces.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { FINDING_MAX_BYTES, IMPORT_MAX_BYTES, IMPORT_MAX_FINDINGS } from '../../../lambda/aws/security-hub';
import { asffProblem } from '../../../local-aws/services/security-hub-import';

const MAX_TITLE = 256;
const MAX_DESCRIPTION = 1024;
const MAX_RECOMMENDATION = 512;
const MAX_DETAIL_PAIRS = 50;
const MAX_DETAIL_KEY = 128;
const MAX_DETAIL_VALUE = 1024;

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** Every way one import request breaks a limit; none when BatchImportFindings would take it. */
export function asffRequestProblems(request: { Findings?: AwsSecurityFinding[] }): string[] {
  const findings = request.Findings ?? [];
  const problems: string[] = [];
  if (Object.keys(request).join() !== 'Findings') problems.push(`members other than Findings: ${Object.keys(request)}`);
  if (findings.length < 1 || findings.length > IMPORT_MAX_FINDINGS) problems.push(`${findings.length} findings`);
  if (bytes(request) > IMPORT_MAX_BYTES) problems.push(`${bytes(request)} bytes`);
  if (new Set(findings.map((f) => f.AwsAccountId)).size > 1) problems.push('findings of several accounts');
  for (const f of findings) {
    const at = (what: string) => problems.push(`${f.Id}: ${what}`);
    const problem = asffProblem({ ...f });
    if (problem) at(problem);
    if (bytes(f) > FINDING_MAX_BYTES) at(`${bytes(f)} bytes`);
    if ((f.Title ?? '').length > MAX_TITLE) at('Title too long');
    if ((f.Description ?? '').length > MAX_DESCRIPTION) at('Description too long');
    if ((f.Remediation?.Recommendation?.Text ?? '').length > MAX_RECOMMENDATION) at('Recommendation too long');
    for (const resource of f.Resources ?? []) {
      const other = Object.entries(resource.Details?.Other ?? {});
      if (other.length > MAX_DETAIL_PAIRS) at(`${other.length} Details.Other pairs`);
      for (const [key, value] of other)
        if (key.length >= MAX_DETAIL_KEY || value.length >= MAX_DETAIL_VALUE) at(`Details.Other ${key} too long`);
    }
  }
  return problems;
}
