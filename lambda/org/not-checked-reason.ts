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
} as const;

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError']);
const TIMED_OUT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError']);

/** A failed `sts:AssumeRole` into the member role. */
export function assumeRoleFailure(error: unknown, deadline?: AbortSignal): string {
  const name = errorName(error);
  if (ACCESS_DENIED.has(name)) return REASONS.roleNotAssumable;
  if (deadline?.aborted || TIMED_OUT.has(name)) return REASONS.timedOut;
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
