import { describeError } from './describe-error';
import { withGap, withOrgGap } from './domain/with-gap';
import type { CoverageGap } from './domain/types';
import type { Delivery, Receipt, Sink } from './sinks/sink';

export interface Delivered<D extends Delivery> {
  /** The report as the last sink received it: with a coverage gap for each sink that failed before. */
  readonly delivery: D;
  /** What each sink that delivered returned, by sink name. */
  readonly receipts: ReadonlyMap<string, Receipt>;
  /** One per sink that failed. */
  readonly gaps: readonly CoverageGap[];
}

/**
 * The last step of both pipelines: the report to every sink that takes it, in order. A sink that fails does not
 * stop the others: it becomes a coverage gap in the report the later sinks get (the SNS digest goes last, so it
 * names them). A required sink's failure is thrown once every sink has had its turn: the run fails, as before.
 */
export async function deliverToSinks<D extends Delivery>(sinks: readonly Sink[], delivery: D): Promise<Delivered<D>> {
  let current = delivery;
  const receipts = new Map<string, Receipt>();
  const gaps: CoverageGap[] = [];
  let requiredFailure: { readonly error: unknown } | undefined;
  for (const sink of sinks) {
    if (!sink.scopes.includes(current.scope)) continue;
    try {
      receipts.set(sink.name, await sink.deliver(current));
    } catch (error) {
      requiredFailure ??= sink.required ? { error } : undefined;
      const gap: CoverageGap = {
        region: sink.region,
        service: 'sink',
        reason: `${sink.name} could not deliver: ${describeError(error)}`,
      };
      gaps.push(gap);
      current = addGap(current, gap);
    }
  }
  if (requiredFailure) throw requiredFailure.error;
  return { delivery: current, receipts, gaps };
}

function addGap<D extends Delivery>(delivery: D, gap: CoverageGap): D {
  const next: Delivery =
    delivery.scope === 'account'
      ? { scope: 'account', report: withGap(delivery.report, gap) }
      : { scope: 'organization', report: withOrgGap(delivery.report, gap) };
  return next as D;
}
