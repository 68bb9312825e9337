import { describeError } from './describe-error';
import type { DeliveryFailure } from './domain/delivery-failure';
import type { Delivery, Receipt, Sink } from './sinks/sink';
import type { TimeBudget } from './time-budget';

export interface Delivered<D extends Delivery> {
  /** The report as the last sink received it: naming each sink that failed before (`deliveryFailures`). */
  readonly delivery: D;
  /** What each sink that delivered returned, by sink name. */
  readonly receipts: ReadonlyMap<string, Receipt>;
  /** One per sink that failed or ran out of time, in delivery order. */
  readonly failures: readonly DeliveryFailure[];
}

/**
 * The last step of both pipelines: the report to every sink that takes it, in order. A sink that fails does not
 * stop the others: it becomes a delivery failure in the report the later sinks get (the SNS digest goes last, so
 * it names them). With a budget, each optional sink runs under its share of the time before the reserve and is
 * left behind when the share is over, so that a hung call never takes the alert's time; the required sinks run
 * in the reserve. A required sink's failure is thrown once every sink has had its turn: the run fails, as before.
 */
export async function deliverToSinks<D extends Delivery>(
  sinks: readonly Sink[],
  delivery: D,
  budget?: TimeBudget,
): Promise<Delivered<D>> {
  const taking = sinks.filter((s) => s.scopes.includes(delivery.scope));
  let optionalLeft = taking.filter((s) => !s.required).length;
  let current = delivery;
  const receipts = new Map<string, Receipt>();
  const failures: DeliveryFailure[] = [];
  let requiredFailure: { readonly error: unknown } | undefined;
  for (const sink of taking) {
    const share = budget && !sink.required ? budget.sinkShare(optionalLeft--) : undefined;
    try {
      receipts.set(sink.name, await deliverOne(sink, current, share?.signal));
    } catch (error) {
      requiredFailure ??= sink.required ? { error } : undefined;
      const failure: DeliveryFailure = share?.signal.aborted
        ? { sink: sink.name, region: sink.region, kind: 'timed-out', afterMs: share.ms }
        : { sink: sink.name, region: sink.region, kind: 'failed', reason: describeError(error) };
      failures.push(failure);
      current = withDeliveryFailure(current, failure);
    }
  }
  if (requiredFailure) throw requiredFailure.error;
  return { delivery: current, receipts, failures };
}

/**
 * The sink's delivery, or the signal's abort, whichever comes first: the signal reaches the sink's calls, and a
 * sink that would still not stop is left behind (its late failure is ignored) rather than waited for.
 */
async function deliverOne(sink: Sink, delivery: Delivery, signal: AbortSignal | undefined): Promise<Receipt> {
  if (!signal) return sink.deliver(delivery);
  signal.throwIfAborted();
  const delivering = sink.deliver(delivery, { abortSignal: signal });
  delivering.catch(() => undefined);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([delivering, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
}

/** The delivery with one more failure named in its report; the report's run id and everything else kept. */
function withDeliveryFailure<D extends Delivery>(delivery: D, failure: DeliveryFailure): D {
  const report = { ...delivery.report, deliveryFailures: [...(delivery.report.deliveryFailures ?? []), failure] };
  return { ...delivery, report };
}
