/**
 * The SDK's per-call options for a run's deadline, which a caller may not have (the laptop `check`): the SDK's
 * `abortSignal` may be left out, never set to undefined.
 */
export function sendOptions(abortSignal: AbortSignal | undefined): { abortSignal?: AbortSignal } {
  return abortSignal ? { abortSignal } : {};
}
