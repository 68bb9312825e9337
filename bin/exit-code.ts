/**
 * The one exit-code table of the CLI, account and organization modes alike, and the rule that picks a run's
 * code. "Could not run" (2) and "ran, but not everything was checked" (3) are apart, so a pipeline can tell a
 * broken tool from a partial scan. Pure.
 */
import { FLAGGED_SEVERITIES } from '../lambda/domain/severity';
import type { FlaggedSeverity } from '../lambda/domain/types';

export const EXIT = {
  /** Everything was checked and nothing at or above --fail-on was flagged. */
  clean: 0,
  /** A certificate at or above --fail-on needs attention. */
  findings: 1,
  /** No result: a bad option or command, no credentials, an unreachable endpoint, an AWS error before any result. */
  couldNotRun: 2,
  /** The run ended, but a region, service or account could not be (fully) checked; nothing failing was flagged. */
  incomplete: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** `--fail-on` values: a severity (that one and every more urgent one fail the run), or `none`. */
export const FAIL_ON_VALUES = [...FLAGGED_SEVERITIES, 'none'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];
/** Any flagged certificate fails the run: the least urgent severity. */
export const DEFAULT_FAIL_ON: FailOn = FLAGGED_SEVERITIES[FLAGGED_SEVERITIES.length - 1]!;

/** Whether a finding of `severity` fails the run under `failOn`. */
export function fails(severity: FlaggedSeverity, failOn: FailOn): boolean {
  return failOn !== 'none' && FLAGGED_SEVERITIES.indexOf(severity) <= FLAGGED_SEVERITIES.indexOf(failOn);
}

/** A run that ended: findings first (they need a person even when the scan also missed something), then gaps. */
export function exitCode(run: {
  readonly severities: readonly FlaggedSeverity[];
  readonly incomplete: boolean;
  readonly failOn: FailOn;
}): ExitCode {
  if (run.severities.some((s) => fails(s, run.failOn))) return EXIT.findings;
  return run.incomplete ? EXIT.incomplete : EXIT.clean;
}

/** The table as --help shows it (the README's is the same, with where it differs from Prowler and Checkov). */
export const EXIT_CODES = `Exit codes (account and organization modes; when several apply, the first in this order):
  2  could not run: a bad option or command, no credentials, an endpoint that refuses connections, or an
     AWS error before any result (one line on stderr, nothing on stdout)
  1  findings: a certificate at or above --fail-on needs attention (even if not everything was checked)
  3  ran, but not everything was checked (a NOT CHECKED region or service, an account not checked or
     PARTLY CHECKED), and nothing at or above --fail-on was flagged
  0  everything was checked, and nothing at or above --fail-on was flagged`;
