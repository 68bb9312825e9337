/**
 * A validator for OCSF 1.6.0 Detection Findings, from the class definition in test/fixtures/ocsf (derived from the
 * published schema, see its `source`): every attribute known to its class or object, of its OCSF type, required
 * ones present, at_least_one constraints and enum values held; class, category and type_uid as the class defines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Definition {
  readonly required: readonly string[];
  readonly at_least_one?: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  readonly enums?: Readonly<Record<string, readonly number[]>>;
}

interface ClassFixture {
  readonly version: string;
  readonly class: Definition & { readonly class_uid: number; readonly category_uid: number };
  readonly objects: Readonly<Record<string, Definition>>;
}

export const OCSF_CLASS: ClassFixture = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/ocsf/detection-finding-1.6.0.json'), 'utf8'),
);

const INTEGER_TYPES = new Set(['integer_t', 'long_t', 'timestamp_t']);

/** Every way `event` breaks the class definition, as `path: problem`; none for a valid Detection Finding. */
export function ocsfProblems(event: unknown): string[] {
  const problems = checkObject(event, OCSF_CLASS.class, '');
  const e = event as Record<string, unknown>;
  if (e.class_uid !== OCSF_CLASS.class.class_uid) problems.push(`class_uid: not ${OCSF_CLASS.class.class_uid}`);
  if (e.category_uid !== OCSF_CLASS.class.category_uid)
    problems.push(`category_uid: not ${OCSF_CLASS.class.category_uid}`);
  if (e.type_uid !== (e.class_uid as number) * 100 + (e.activity_id as number))
    problems.push('type_uid: not class_uid * 100 + activity_id');
  const metadata = e.metadata as { version?: unknown; profiles?: unknown } | undefined;
  if (metadata?.version !== OCSF_CLASS.version) problems.push(`metadata.version: not ${OCSF_CLASS.version}`);
  // The cloud attribute belongs to the cloud profile: an event that carries it says it applies the profile.
  if (!Array.isArray(metadata?.profiles) || !metadata.profiles.includes('cloud'))
    problems.push('metadata.profiles: the cloud profile is not named');
  return problems;
}

function checkObject(value: unknown, definition: Definition, path: string): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path || '.'}: not an object`];
  const object = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const name of definition.required)
    if (object[name] === undefined) problems.push(`${path}${name}: required, missing`);
  if (definition.at_least_one && !definition.at_least_one.some((name) => object[name] !== undefined))
    problems.push(`${path.replace(/\.$/, '') || '.'}: needs one of ${definition.at_least_one.join(', ')}`);
  for (const [name, attribute] of Object.entries(object)) {
    const type = definition.attributes[name];
    if (type === undefined) {
      problems.push(`${path}${name}: not an attribute of this class or object`);
      continue;
    }
    problems.push(...checkValue(attribute, type, `${path}${name}`));
    const allowed = definition.enums?.[name];
    if (allowed && !allowed.includes(attribute as number))
      problems.push(`${path}${name}: ${attribute} not in its enum`);
  }
  return problems;
}

function checkValue(value: unknown, type: string, path: string): string[] {
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) return [`${path}: not an array`];
    return value.flatMap((item, i) => checkValue(item, type.slice(0, -2), `${path}[${i}]`));
  }
  if (type === 'json_t') return [];
  if (type === 'boolean_t') return typeof value === 'boolean' ? [] : [`${path}: not a boolean`];
  if (INTEGER_TYPES.has(type)) return Number.isInteger(value) ? [] : [`${path}: not an integer (${type})`];
  if (type.endsWith('_t')) return typeof value === 'string' ? [] : [`${path}: not a string (${type})`];
  const object = OCSF_CLASS.objects[type];
  if (!object) return [`${path}: object ${type} is not in the fixture (add it from the schema)`];
  return checkObject(value, object, `${path}.`);
}
