import type { AwsClients } from './aws/clients';
import { didYouMean, regionProblems } from '../contract/validation';
import { listRegions, type AccountRegions } from './aws/regions';
import type { Step } from './domain/step';
import type { CoverageGap, ObservedCertificateUse } from './domain/types';
import { describeError } from './describe-error';
import { USAGE_LISTINGS } from './sources/listings';
import type { SourceListing } from './sources/usage-source';

export interface UsageScanOptions {
  /** Region names, or `all` for every region enabled in the account. */
  readonly regions: readonly string[] | 'all';
  /** ARNs and certificate ids of the certificates to look for; uses of any other certificate are not kept. */
  readonly certificateRefs: ReadonlySet<string>;
  /** Requests in flight at once per region and service. */
  readonly concurrency: number;
  /** Aborts every request still running when the run's deadline passes. */
  readonly abortSignal?: AbortSignal | undefined;
  /**
   * The sources to list.
   * @default every registered source (`USAGE_LISTINGS`)
   */
  readonly listings?: readonly SourceListing[];
}

export interface UsagesFound {
  readonly uses: ObservedCertificateUse[];
  /** Every region the scan tried. */
  readonly regions: readonly string[];
  /** The account's enabled regions (listed even when the regions are configured); absent when they could not be. */
  readonly enabledRegions?: readonly string[];
}

/** The regions to read, and the account's enabled regions when they could be listed. */
interface ResolvedRegions {
  readonly regions: readonly string[];
  readonly enabledRegions?: readonly string[];
}

/**
 * Finds every place that serves a certificate: each registered source, once (global) or in every region, all at
 * once. A region or service that fails becomes a coverage gap; what it found before failing, and everything the
 * others found, is kept.
 */
export async function scanUsages(clients: AwsClients, options: UsageScanOptions): Promise<Step<UsagesFound>> {
  const { abortSignal, concurrency, listings = USAGE_LISTINGS } = options;
  const uses: ObservedCertificateUse[] = [];
  const emit = (use: ObservedCertificateUse): void => {
    if (options.certificateRefs.has(use.certificateRef)) uses.push(use);
  };
  const attempt = async (listing: SourceListing, region: string): Promise<CoverageGap[]> => {
    try {
      await listing.list(clients, { region, emit, concurrency, abortSignal });
      return [];
    } catch (error) {
      return [{ region, service: listing.source.service.name, reason: describeError(error, abortSignal) }];
    }
  };

  const resolved = await resolveRegions(clients, options);
  const { regions, enabledRegions } = resolved.value;
  const global = listings.filter((l) => l.scope === 'global');
  const regional = listings.filter((l) => l.scope === 'regional');
  const listingGaps = await Promise.all([
    ...global.map((listing) => attempt(listing, 'global')),
    ...regions.flatMap((region) => regional.map((listing) => attempt(listing, region))),
  ]);
  return {
    value: { uses, regions, ...(enabledRegions ? { enabledRegions } : {}) },
    gaps: [...resolved.gaps, ...listingGaps.flat()],
  };
}

/**
 * The enabled regions, and the regions to read: the configured ones that are enabled, or all enabled ones. The
 * enabled regions are listed either way, so that a report can name the ones left out by configuration ("unused"
 * needs all of them), and so that a configured name that is no region, or a region the account has not enabled, is
 * a named gap instead of a region reported as read.
 * If they cannot be listed: the configured regions, or else the home region alone, and a gap.
 */
async function resolveRegions(clients: AwsClients, options: UsageScanOptions): Promise<Step<ResolvedRegions>> {
  let listed: AccountRegions;
  try {
    listed = await listRegions(clients.ec2, options.abortSignal);
  } catch (error) {
    const configured = options.regions !== 'all';
    const checked = configured ? 'only the configured regions were' : `only ${clients.homeRegion} was`;
    const reason = `could not list the enabled regions, so ${checked} checked: ${describeError(error, options.abortSignal)}`;
    return {
      value: { regions: configured ? options.regions : [clients.homeRegion] },
      gaps: [{ region: 'all', service: 'ec2', reason }],
    };
  }
  const enabledRegions = listed.enabled;
  if (options.regions === 'all') return { value: { regions: enabledRegions, enabledRegions }, gaps: [] };
  const problems = regionProblems(options.regions, [...listed.enabled, ...listed.notEnabled], listed.enabled);
  const gaps = problems.map(({ region, problem, suggestion }): CoverageGap => {
    const reason =
      problem === 'unknown'
        ? `not a region${didYouMean(suggestion)}: fix the configured regions`
        : 'not enabled in this account (an opt-in region): opt in, or leave it out of the configured regions';
    return { region, service: 'ec2', reason };
  });
  const unusable = new Set(problems.map((p) => p.region));
  return { value: { regions: options.regions.filter((r) => !unusable.has(r)), enabledRegions }, gaps };
}
