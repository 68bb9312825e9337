/**
 * Why an account could not be checked, in the words the org digest uses (pure). AssumeRole answers
 * AccessDenied both when the role does not exist and when its trust policy does not name the caller, so the
 * two cannot be told apart.
 */
import { describeError } from '../describe-error';

export const REASONS = {
  roleNotAssumable: 'role not found or not assumable',
  accessDenied: 'access denied',
  timedOut: 'timed out',
  /** Queued in its batch behind slower accounts until the invocation's scan time was up. */
  batchOutOfTime: 'not scanned: its batch ran out of time before this account',
} as const;

/** What STS answers when the hub calls AssumeRole faster than its rate allows. */
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError']);
const TIMED_OUT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError']);

/** A failed `sts:AssumeRole` into the member role. */
export function assumeRoleFailure(error: unknown, deadline?: AbortSignal): string {
  const name = errorName(error);
  if (ACCESS_DENIED.has(name)) return REASONS.roleNotAssumable;
  if (deadline?.aborted || TIMED_OUT.has(name)) return REASONS.timedOut;
  // The STS client already retried it with backoff (its retry strategy); say how often, from the SDK's metadata.
  if (THROTTLED.has(name)) {
    const attempts = (error as { $metadata?: { attempts?: number } }).$metadata?.attempts;
    return `AssumeRole throttled (${name})${attempts ? `, still after ${attempts} attempts with backoff` : ''}`;
  }
  return describeError(error, deadline);
}

/** A failure of the scan itself (listing the certificates) with the role's credentials. */
export function scanFailure(error: unknown, deadline?: AbortSignal): string {
  const name = errorName(error);
  if (ACCESS_DENIED.has(name)) return REASONS.accessDenied;
  if (deadline?.aborted || TIMED_OUT.has(name)) return REASONS.timedOut;
  return describeError(error, deadline);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}
