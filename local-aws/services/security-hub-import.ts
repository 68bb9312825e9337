/**
 * What BatchImportFindings does with one finding, as the Security Hub CSPM user guide describes it:
 * https://docs.aws.amazon.com/securityhub/latest/userguide/finding-update-batchimportfindings.html
 * - the required top-level ASFF attributes (asff-required-attributes.html), each finding at most 240 KB;
 * - a finding is keyed by `ProductArn` and `Id`; an update whose `UpdatedAt` is not after the stored one is ignored;
 * - once a finding exists, `Note`, `UserDefinedFields`, `VerificationState` and `Workflow` belong to
 *   BatchUpdateFindings (the customer): a re-import keeps the stored values;
 * - providers set Confidence, Criticality, RelatedFindings, Severity and Types in `FindingProviderFields`; Security
 *   Hub fills that object from the top-level fields when it is empty and shows its values at the top level
 *   (API_FindingProviderFields.html).
 */
import type { Finding } from '../estate/finding-store';
import type { JsonObject } from '../protocols/identify';

export const SECURITY_HUB_MAX_FINDING_BYTES = 240 * 1024;

const REQUIRED = [
  'AwsAccountId',
  'CreatedAt',
  'Description',
  'GeneratorId',
  'Id',
  'ProductArn',
  'Resources',
  'SchemaVersion',
  'Title',
  'UpdatedAt',
] as const;
const PROVIDER_FIELDS = ['Confidence', 'Criticality', 'RelatedFindings', 'Severity', 'Types'] as const;
const CUSTOMER_FIELDS = ['Note', 'UserDefinedFields', 'VerificationState', 'Workflow', 'WorkflowState'] as const;

/** A finding BatchImportFindings may store: its key members are strings. */
export type ValidFinding = Finding & { readonly Id: string; readonly ProductArn: string; readonly UpdatedAt: string };

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** Why the finding does not adhere to ASFF (the message Security Hub gives with `InvalidInput`), or undefined. */
export function asffProblem(finding: Finding): string | undefined {
  const problem = (what: string) => `Finding does not adhere to Amazon Security Finding Format. ${what}`;
  const missing = REQUIRED.find((name) => !present(finding[name]));
  if (missing) return problem(`data should have required property '${missing}'.`);
  const provider = isObject(finding.FindingProviderFields) ? finding.FindingProviderFields : {};
  const severity = isObject(finding.Severity) ? finding.Severity : isObject(provider.Severity) ? provider.Severity : {};
  if (!present(severity.Label) && !present(severity.Normalized))
    return problem("data should have required property 'Severity'.");
  const types = finding.Types ?? provider.Types;
  if (!Array.isArray(types) || types.length === 0) return problem("data should have required property 'Types'.");
  const resources = finding.Resources;
  if (
    !Array.isArray(resources) ||
    resources.length === 0 ||
    !resources.every((r) => isObject(r) && present(r.Type) && present(r.Id))
  )
    return problem('data.Resources should be a non-empty list of objects with Type and Id.');
  for (const name of ['Id', 'ProductArn', 'AwsAccountId', 'GeneratorId', 'CreatedAt', 'UpdatedAt'] as const) {
    if (typeof finding[name] !== 'string') return problem(`data.${name} should be string.`);
  }
  for (const name of ['CreatedAt', 'UpdatedAt'] as const) {
    if (Number.isNaN(Date.parse(finding[name] as string))) return problem(`data.${name} should be a timestamp.`);
  }
  return undefined;
}

/** Whether an import of `incoming` changes the stored finding (a first import, or a later `UpdatedAt`). */
export function isNewer(incoming: ValidFinding, stored: Finding | undefined): boolean {
  return stored === undefined || Date.parse(incoming.UpdatedAt) > Date.parse(String(stored.UpdatedAt));
}

/**
 * The finding as stored after an import: the provider's fields, `FindingProviderFields` filled from the top level
 * and mirrored to it, the customer's fields kept from `stored`, and what Security Hub adds (Region, ProcessedAt,
 * and for the account's default product, ProductName `Default` and CompanyName `Personal`).
 */
export function importedFinding(
  incoming: ValidFinding,
  stored: Finding | undefined,
  region: string,
  now: Date,
): Finding {
  const given = isObject(incoming.FindingProviderFields) ? incoming.FindingProviderFields : {};
  const provider: Record<string, unknown> = { ...given };
  for (const name of PROVIDER_FIELDS)
    if (provider[name] === undefined && incoming[name] !== undefined) provider[name] = incoming[name];
  const topLevel = Object.fromEntries(
    PROVIDER_FIELDS.filter((n) => provider[n] !== undefined).map((n) => [n, provider[n]]),
  );
  const customer = stored
    ? Object.fromEntries(CUSTOMER_FIELDS.filter((n) => stored[n] !== undefined).map((n) => [n, stored[n]]))
    : { Workflow: { Status: 'NEW' }, WorkflowState: 'NEW' };
  const fromProvider = stored
    ? Object.fromEntries(Object.entries(incoming).filter(([n]) => !isCustomerField(n)))
    : incoming;
  return {
    RecordState: stored?.RecordState ?? 'ACTIVE',
    ...customer,
    ...fromProvider,
    ...topLevel,
    FindingProviderFields: provider,
    ProductName: 'Default',
    CompanyName: 'Personal',
    Region: region,
    ProcessedAt: now.toISOString(),
  };
}

function isCustomerField(name: string): boolean {
  return (CUSTOMER_FIELDS as readonly string[]).includes(name);
}
