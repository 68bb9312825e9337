import { ListingStoppedError } from './aws/bounded-pages';

const MAX_REASON_LENGTH = 300;

/** Errors AWS returns from a regional endpoint of a region the account has not enabled. */
const NOT_ENABLED = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'AuthFailure', 'OptInRequired']);

/** A one-line, bounded reason for an alert or a log line: what failed and, where we know it, what to check. */
export function describeError(error: unknown, deadline?: AbortSignal): string {
  if (deadline?.aborted) return 'timed out: the run reached its deadline before this scan finished';
  if (error instanceof ListingStoppedError) return error.message;
  const name = error instanceof Error ? error.name : 'Error';
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
  let reason = message && message !== name ? `${name}: ${message}` : name;
  if (NOT_ENABLED.has(name)) reason += ' (is the region enabled for this account?)';
  if (name === 'AccessDenied' || name === 'AccessDeniedException' || name === 'UnauthorizedOperation') {
    reason += ' (check the function role and any SCP on this region)';
  }
  return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason;
}
