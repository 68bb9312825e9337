import { scanClassicListeners } from './aws/classic-elb';
import { scanCloudFrontDistributions } from './aws/cloudfront';
import type { AwsClients } from './aws/clients';
import { scanElbv2Listeners } from './aws/elbv2';
import { listEnabledRegions } from './aws/regions';
import type { CoverageGap, ObservedCertificateUse, ScanService } from './domain/types';
import { describeError } from './describe-error';

export interface UsageScanOptions {
  /** Region names, or `all` for every region enabled in the account. */
  readonly regions: readonly string[] | 'all';
  /** ARNs and certificate ids of the certificates to look for; uses of any other certificate are not kept. */
  readonly certificateRefs: ReadonlySet<string>;
  /** Requests in flight at once per region and service. */
  readonly concurrency: number;
  /** Aborts every request still running when the run's deadline passes. */
  readonly abortSignal?: AbortSignal;
}

export interface UsageScan {
  readonly uses: ObservedCertificateUse[];
  /** Every region the scan tried. */
  readonly regions: readonly string[];
  readonly gaps: CoverageGap[];
}

/**
 * Finds every listener and distribution that serves a certificate, in every region at once. A region or service
 * that fails becomes a coverage gap; what it found before failing, and everything the others found, is kept.
 */
export async function scanUsages(clients: AwsClients, options: UsageScanOptions): Promise<UsageScan> {
  const uses: ObservedCertificateUse[] = [];
  const gaps: CoverageGap[] = [];
  const emit = (use: ObservedCertificateUse): void => {
    if (options.certificateRefs.has(use.certificateRef)) uses.push(use);
  };
  const attempt = async (region: string, service: ScanService, scan: () => Promise<void>): Promise<void> => {
    try {
      await scan();
    } catch (error) {
      gaps.push({ region, service, reason: describeError(error, options.abortSignal) });
    }
  };

  const regions = await resolveRegions(clients, options, gaps);
  const { abortSignal, concurrency } = options;
  await Promise.all([
    attempt('global', 'cloudfront', () => scanCloudFrontDistributions(clients.cloudFront, emit, abortSignal)),
    ...regions.flatMap((region) => [
      attempt(region, 'elb', () => scanClassicListeners(clients.elb(region), region, emit, abortSignal)),
      attempt(region, 'elbv2', () =>
        scanElbv2Listeners(clients.elbv2(region), region, emit, { concurrency, abortSignal }),
      ),
    ]),
  ]);
  return { uses, regions, gaps };
}

/** The configured regions, or the enabled ones; if those cannot be listed, the home region alone (and a gap). */
async function resolveRegions(
  clients: AwsClients,
  options: UsageScanOptions,
  gaps: CoverageGap[],
): Promise<readonly string[]> {
  if (options.regions !== 'all') return options.regions;
  try {
    return await listEnabledRegions(clients.ec2, options.abortSignal);
  } catch (error) {
    const home = clients.homeRegion;
    gaps.push({
      region: 'all',
      service: 'ec2',
      reason: `could not list the enabled regions, so only ${home} was checked: ${describeError(error, options.abortSignal)}`,
    });
    return [home];
  }
}
