/** The one exit-code rule of `check`, account and organization modes alike (the table: EXIT_CODES). Pure. */

/** 1 when something is flagged; else 2 when something could not be checked; else 0. */
export function exitCode(run: { readonly flagged: boolean; readonly incomplete: boolean }): 0 | 1 | 2 {
  return run.flagged ? 1 : run.incomplete ? 2 : 0;
}
