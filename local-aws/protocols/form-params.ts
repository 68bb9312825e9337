/** Reading AWS query-protocol form fields: scalars, `X.member.N` lists, `X.N` (EC2) lists, `X.entry.N` maps. */
import { AwsError, missingParameter, validationError } from './aws-error';

export type Params = Readonly<Record<string, string>>;

export function parseForm(body: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(body)) params[k] = v;
  return params;
}

export function requireParam(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}

/** Values of `prefix.1`, `prefix.2`, ... in index order (EC2 style, or pass `Name.member` for query lists). */
export function indexedList(params: Params, prefix: string): string[] {
  const found: [number, string][] = [];
  const start = `${prefix}.`;
  for (const [k, v] of Object.entries(params)) {
    if (!k.startsWith(start)) continue;
    const n = Number(k.slice(start.length));
    if (Number.isInteger(n)) found.push([n, v]);
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/** `Name.member.N` list (query protocol). */
export function memberList(params: Params, name: string): string[] {
  return indexedList(params, `${name}.member`);
}

/** `Name.entry.N.Sub.Path` groups as objects keyed by the sub path, in index order. */
export function entryList(params: Params, name: string): Record<string, string>[] {
  const groups = new Map<number, Record<string, string>>();
  const start = `${name}.entry.`;
  for (const [k, v] of Object.entries(params)) {
    if (!k.startsWith(start)) continue;
    const rest = k.slice(start.length);
    const dot = rest.indexOf('.');
    const n = Number(rest.slice(0, dot));
    if (dot < 0 || !Number.isInteger(n)) continue;
    const group = groups.get(n) ?? {};
    group[rest.slice(dot + 1)] = v;
    groups.set(n, group);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}

export interface IntRange {
  readonly min: number;
  readonly max: number;
  readonly defaultValue: number;
}

/** An integer field with AWS's validation message when out of range. `field` is the camelCase model name. */
export function intParam(params: Params, name: string, field: string, range: IntRange): number {
  const raw = params[name];
  if (raw === undefined || raw === '') return range.defaultValue;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new AwsError('MalformedInput', `Value '${raw}' for ${name} is not an integer`);
  checkRange(n, field, range, 'ValidationError', raw);
  return n;
}

/** Throws AWS's validation error when `n` is outside the range. */
export function checkRange(n: number, field: string, range: IntRange, code: string, raw = String(n)): void {
  if (n < range.min)
    throw validationError(field, raw, `Member must have value greater than or equal to ${range.min}`, code);
  if (n > range.max)
    throw validationError(field, raw, `Member must have value less than or equal to ${range.max}`, code);
}

export function boolParam(params: Params, name: string): boolean {
  return params[name]?.toLowerCase() === 'true';
}
