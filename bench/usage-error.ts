/** A bad flag or scenario: the bench prints one line and exits 2, with no stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit code of a usage error. */
export const USAGE_EXIT_CODE = 2;

/** Whether `error` is the user's (a bad flag or value), from our checks or from node:util parseArgs. */
export function isUsageError(error: unknown): error is Error {
  if (error instanceof UsageError) return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** The one line printed for a usage error. */
export function usageLine(error: Error): string {
  return `bench: ${error.message.replace(/\s+/g, ' ').trim()} (npm run bench -- --help lists the flags and scenarios)`;
}
