/**
 * Reading the members of a JSON request (JSON 1.1 and REST-JSON) with the model-validation errors AWS's JSON
 * services answer (`ValidationException` unless the service names another code).
 */
import { AwsError, validationError } from './aws-error';
import { checkRange, type IntRange } from './form-params';
import type { JsonObject } from './identify';

const VALIDATION = 'ValidationException';

/** What the SDK never sends: a member of the wrong JSON type. */
function serialization(name: string, expected: string): AwsError {
  return new AwsError('SerializationException', `${name} must be ${expected}`);
}

/** An optional integer member, its default when absent. `field` is the camelCase model name. */
export function jsonInt(input: JsonObject, name: string, field: string, range: IntRange, code = VALIDATION): number {
  const value = input[name];
  if (value === undefined || value === null) return range.defaultValue;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw serialization(name, 'an integer');
  checkRange(value, field, range, code);
  return value;
}

export function jsonString(input: JsonObject, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serialization(name, 'a string');
  return value;
}

/** A required string member: AWS's "Member must not be null" when it is absent. */
export function requireJsonString(input: JsonObject, name: string, field: string, code = VALIDATION): string {
  const value = jsonString(input, name);
  if (value === undefined) throw validationError(field, null, 'Member must not be null', code);
  return value;
}

export function jsonObject(input: JsonObject, name: string): JsonObject | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw serialization(name, 'an object');
  return value as JsonObject;
}

export function jsonArray(input: JsonObject, name: string): readonly unknown[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw serialization(name, 'a list');
  return value;
}

/** An optional list whose every member is one of `allowed` (an enum in the model). */
export function jsonEnumList<T extends string>(
  input: JsonObject,
  name: string,
  field: string,
  allowed: readonly T[],
  code = VALIDATION,
): T[] | undefined {
  const list = jsonArray(input, name);
  if (list === undefined) return undefined;
  if (list.some((v) => typeof v !== 'string')) throw serialization(name, 'a list of strings');
  const values = list as string[];
  if (values.some((v) => !(allowed as readonly string[]).includes(v))) {
    const constraint = `Member must satisfy constraint: [Member must satisfy enum value set: [${allowed.join(', ')}]]`;
    throw validationError(field, `[${values.join(', ')}]`, constraint, code);
  }
  return values as T[];
}

/**
 * Refuses members this server does not model, rather than answer as if they were absent: a test that relies on
 * one learns it here instead of from a wrong result.
 */
export function rejectUnmodelled(input: JsonObject, names: readonly string[], where: string, code: string): void {
  const given = names.filter((n) => input[n] !== undefined && input[n] !== null);
  if (given.length > 0) throw new AwsError(code, `The loopback server does not model ${where} ${given.join(', ')}`);
}

/** JSON protocols send timestamps as epoch seconds. */
export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
