/**
 * GetFindings `Filters` over string attributes, with the StringFilter rules of the Security Hub API reference
 * (https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_StringFilter.html):
 * - EQUALS, PREFIX and CONTAINS filters on one attribute are joined by OR; NOT_EQUALS, PREFIX_NOT_EQUALS and
 *   NOT_CONTAINS by AND; PREFIX may be combined with NOT_EQUALS or PREFIX_NOT_EQUALS (the PREFIX filters first);
 * - CONTAINS and NOT_CONTAINS combine only with their own kind, EQUALS not with NOT_EQUALS or PREFIX_NOT_EQUALS;
 * - values are case sensitive; at most 10 attributes, 20 values each (API_GetFindings.html);
 * - different attributes are joined by AND.
 * Attributes this server does not model are refused rather than ignored.
 */
import type { Finding } from '../estate/finding-store';
import { AwsError } from '../protocols/aws-error';
import type { JsonObject } from '../protocols/identify';

const MAX_ATTRIBUTES = 10;
const MAX_VALUES = 20;

type Comparison = 'EQUALS' | 'PREFIX' | 'CONTAINS' | 'NOT_EQUALS' | 'PREFIX_NOT_EQUALS' | 'NOT_CONTAINS';
const TESTS: Record<Comparison, (value: string, filter: string) => boolean> = {
  EQUALS: (v, f) => v === f,
  PREFIX: (v, f) => v.startsWith(f),
  CONTAINS: (v, f) => v.includes(f),
  NOT_EQUALS: (v, f) => v !== f,
  PREFIX_NOT_EQUALS: (v, f) => !v.startsWith(f),
  NOT_CONTAINS: (v, f) => !v.includes(f),
};
const NEGATIVE: ReadonlySet<Comparison> = new Set(['NOT_EQUALS', 'PREFIX_NOT_EQUALS', 'NOT_CONTAINS']);

const text = (v: unknown): string[] => (typeof v === 'string' ? [v] : []);
const member = (v: unknown, name: string): unknown =>
  v !== null && typeof v === 'object' ? (v as JsonObject)[name] : undefined;
const each = (v: unknown, name?: string): string[] =>
  Array.isArray(v) ? v.flatMap((item) => text(name ? member(item, name) : item)) : [];

/** The values of a filterable attribute in a finding (several for lists such as Types and Resources). */
const ATTRIBUTES: Readonly<Record<string, (f: Finding) => string[]>> = {
  Id: (f) => text(f.Id),
  ProductArn: (f) => text(f.ProductArn),
  GeneratorId: (f) => text(f.GeneratorId),
  AwsAccountId: (f) => text(f.AwsAccountId),
  Title: (f) => text(f.Title),
  Description: (f) => text(f.Description),
  RecordState: (f) => text(f.RecordState),
  Region: (f) => text(f.Region),
  ProductName: (f) => text(f.ProductName),
  CompanyName: (f) => text(f.CompanyName),
  WorkflowStatus: (f) => text(member(f.Workflow, 'Status')),
  SeverityLabel: (f) => text(member(f.Severity, 'Label')),
  ComplianceStatus: (f) => text(member(f.Compliance, 'Status')),
  Type: (f) => each(f.Types),
  ResourceType: (f) => each(f.Resources, 'Type'),
  ResourceId: (f) => each(f.Resources, 'Id'),
};

function invalidInput(message: string): AwsError {
  return new AwsError('InvalidInputException', message);
}

interface StringFilter {
  readonly value: string;
  readonly comparison: Comparison;
}

function readFilters(attribute: string, raw: unknown): StringFilter[] {
  if (!Array.isArray(raw)) throw invalidInput(`Filters.${attribute} must be a list of string filters`);
  if (raw.length > MAX_VALUES) throw invalidInput(`Filters.${attribute} has more than ${MAX_VALUES} values`);
  const filters = raw.map((f): StringFilter => {
    const value = member(f, 'Value');
    const comparison = member(f, 'Comparison');
    if (typeof value !== 'string' || typeof comparison !== 'string' || !(comparison in TESTS))
      throw invalidInput(
        `Filters.${attribute}: each filter needs a Value and a Comparison of ${Object.keys(TESTS).join(', ')}`,
      );
    return { value, comparison: comparison as Comparison };
  });
  const kinds = new Set(filters.map((f) => f.comparison));
  const alone = (k: Comparison) => kinds.has(k) && kinds.size > 1;
  if (
    alone('CONTAINS') ||
    alone('NOT_CONTAINS') ||
    (kinds.has('EQUALS') && (kinds.has('NOT_EQUALS') || kinds.has('PREFIX_NOT_EQUALS')))
  )
    throw invalidInput(`Filters.${attribute} combines comparisons that cannot be combined on one attribute`);
  return filters;
}

/** Whether a finding's values pass one attribute's filters. */
function passes(values: readonly string[], filters: readonly StringFilter[]): boolean {
  const positive = filters.filter((f) => !NEGATIVE.has(f.comparison));
  const negative = filters.filter((f) => NEGATIVE.has(f.comparison));
  const any = positive.length === 0 || positive.some((f) => values.some((v) => TESTS[f.comparison](v, f.value)));
  return any && negative.every((f) => values.every((v) => TESTS[f.comparison](v, f.value)));
}

/** A predicate for the findings that match `Filters`; throws InvalidInputException for filters AWS refuses. */
export function findingFilter(filters: JsonObject): (finding: Finding) => boolean {
  const entries = Object.entries(filters).filter(([, v]) => v !== undefined && v !== null);
  if (entries.length > MAX_ATTRIBUTES) throw invalidInput(`Filters name more than ${MAX_ATTRIBUTES} attributes`);
  const checks = entries.map(([attribute, raw]) => {
    const valuesOf = ATTRIBUTES[attribute];
    if (!valuesOf) throw invalidInput(`The loopback server does not model the GetFindings filter ${attribute}`);
    const parsed = readFilters(attribute, raw);
    return (finding: Finding) => passes(valuesOf(finding), parsed);
  });
  return (finding) => checks.every((check) => check(finding));
}
