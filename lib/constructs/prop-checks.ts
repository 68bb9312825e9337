import type { IConstruct } from 'constructs';
import { applyRule, type Rule } from '../../contract/validation';

/** A construct's props to check, by prop name: the value given and the rule it must meet. */
export type PropRules = Readonly<Record<string, readonly [value: unknown, rule: Rule<unknown>]>>;

/** Thrown at construction when props break their rules: every bad prop, one line each. */
export class PropsError extends Error {
  constructor(
    construct: IConstruct,
    public readonly errors: readonly string[],
  ) {
    super(
      `Invalid props of ${construct.constructor.name} at ${construct.node.path}:\n` +
        errors.map((e) => `  - ${e}`).join('\n'),
    );
    this.name = 'PropsError';
  }
}

/**
 * Refuses invalid props at construction, as cdk-monitoring-constructs does, under the rules the context keys are
 * read with (contract/validation.ts): a construct built without the app's configuration still cannot be given a
 * warning tier below its threshold or a log retention CloudWatch refuses. An optional prop left out (`undefined`)
 * is not checked.
 * @throws PropsError naming every bad prop and its accepted form
 */
export function checkProps(construct: IConstruct, rules: PropRules): void {
  const errors = Object.entries(rules).flatMap(([name, [value, rule]]) => {
    if (value === undefined) return [];
    const result = applyRule(name, rule, value);
    return 'refused' in result ? [result.refused] : [];
  });
  if (errors.length > 0) throw new PropsError(construct, errors);
}
