/**
 * One invocation's time, spent in order: the scan, then the optional sinks (Security Hub, EventBridge, the chat
 * digest), then what must not be lost (the SNS alert; an organization member's result) in the reserve kept for
 * it to the end. Lambda stops an invocation at its timeout whatever it is doing, so every step before the reserve
 * runs under an abort signal that fires in time for it.
 */

export interface TimeBudgetProps {
  /** Time left before Lambda stops the invocation, at its start (`context.getRemainingTimeInMillis()`). */
  readonly remainingMs: number;
  /** Kept to the end for the required step (the SNS alert, or writing the result). */
  readonly reserveMs: number;
  /**
   * Kept from the scan for the optional sinks, when there are any: a scan that runs to its deadline still leaves
   * them this much. A scan that ends early leaves them the rest too. @default 0
   */
  readonly optionalSinksMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** One optional sink's time: its signal fires after `ms`. */
export interface SinkShare {
  readonly ms: number;
  readonly signal: AbortSignal;
}

/**
 * Time kept for the optional sinks from a scan that would run to its deadline: Security Hub imports 100 findings
 * a call and EventBridge takes 10 events, so a few thousand flagged certificates take some hundred calls.
 */
export const DEFAULT_OPTIONAL_SINKS_MS = 60_000;

export class TimeBudget {
  /** Aborted when the scan must stop, leaving the optional sinks and the reserve their time. */
  readonly scanDeadline: AbortSignal;
  private readonly now: () => number;
  /** When the optional sinks must have finished: the reserve starts there. */
  private readonly sinksEndAt: number;

  constructor(props: TimeBudgetProps) {
    this.now = props.now ?? Date.now;
    this.sinksEndAt = this.now() + props.remainingMs - props.reserveMs;
    const scanMs = props.remainingMs - props.reserveMs - (props.optionalSinksMs ?? 0);
    this.scanDeadline = AbortSignal.timeout(Math.max(0, scanMs));
  }

  /**
   * The next optional sink's share: an equal part, among `sinksLeft` optional sinks (itself included), of the time
   * left before the reserve. One sink that hangs then costs its own share only, and what a quick sink leaves
   * unused goes to those after it.
   */
  sinkShare(sinksLeft: number): SinkShare {
    const ms = Math.max(0, Math.floor((this.sinksEndAt - this.now()) / Math.max(1, sinksLeft)));
    // No time at all: aborted already, so that the sink is not even started.
    const signal =
      ms > 0 ? AbortSignal.timeout(ms) : AbortSignal.abort(new DOMException('no time left', 'TimeoutError'));
    return { ms, signal };
  }
}
