/**
 * A sink that could not deliver a report (pure). Apart from the coverage gaps, which say what the scan could not
 * read: a report with a delivery failure holds every finding the scan made, and is no less complete for it.
 */
export type DeliveryFailure =
  | {
      /** The sink as a person names it: `Security Hub`, `EventBridge`... */
      readonly sink: string;
      /** Where it delivers. */
      readonly region: string;
      /** It answered with an error (the reason names it and what to check). */
      readonly kind: 'failed';
      readonly reason: string;
    }
  | {
      readonly sink: string;
      readonly region: string;
      /** It was stopped at the end of its share of the run's time, so that the alert could still go out. */
      readonly kind: 'timed-out';
      /** Its share of the run's time. */
      readonly afterMs: number;
    };

/** `timed out after 12 s`, or the error. */
export function deliveryFailureReason(failure: DeliveryFailure): string {
  return failure.kind === 'timed-out' ? `timed out after ${seconds(failure.afterMs)} s` : failure.reason;
}

/** `Security Hub (us-east-1): not delivered, timed out after 12 s`: one line that stands alone (logs, summaries). */
export function deliveryFailureText(failure: DeliveryFailure): string {
  const separator = failure.kind === 'timed-out' ? ',' : ':';
  return `${failure.sink} (${failure.region}): not delivered${separator} ${deliveryFailureReason(failure)}`;
}

/** Whole seconds from 10 s on; below that one decimal, so that a short share does not read "0 s". */
function seconds(ms: number): number {
  const s = Math.max(0, ms) / 1000;
  return s >= 10 ? Math.round(s) : Math.round(s * 10) / 10;
}
