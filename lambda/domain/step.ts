import type { CoverageGap } from './types';

/**
 * What one scan step read, and what it could not (each a coverage gap). A step returns its gaps instead of
 * pushing them into a list its caller owns, so the pipeline says in one place which steps an alert's gaps come from.
 */
export interface Step<T> {
  readonly value: T;
  readonly gaps: readonly CoverageGap[];
}

/** The gaps of the given steps, in the order given. */
export function gapsOf(...steps: readonly Pick<Step<unknown>, 'gaps'>[]): CoverageGap[] {
  return steps.flatMap((s) => s.gaps);
}
