/**
 * Reads ACM where a renewal may live only on a day with findings and only in the regions that serve a
 * flagged certificate whose names are known: one paginated `ListCertificates` per region, `DescribeCertificate`
 * only for the certificates whose listed names match, `ListTagsForCertificate` only where two or more matched
 * (the renews tag can then choose). A failed read makes that region `unknown` and a named coverage gap.
 */
import pLimit from 'p-limit';
import type { AwsClients } from './aws/clients';
import { describeAcmCertificate, listAcmCertificateTags, listIssuedAcmCertificates } from './aws/acm';
import { describeError } from './describe-error';
import { acmNamesMatch, type AcmCandidate, type AcmRegionRead } from './domain/acm-renewal';
import type { Step } from './domain/step';
import { RENEWS_TAG, type CoverageGap } from './domain/types';

export async function readAcmRenewals(
  clients: AwsClients,
  /** Per region, the names of the flagged certificates served there. */
  namesByRegion: ReadonlyMap<string, readonly string[]>,
  options: { readonly concurrency: number; readonly abortSignal?: AbortSignal | undefined },
): Promise<Step<AcmRegionRead[]>> {
  const limit = pLimit(options.concurrency);
  const { abortSignal } = options;
  const regions = await Promise.all(
    [...namesByRegion].map(async ([region, hostnames]): Promise<AcmRegionRead> => {
      const client = clients.acm(region);
      try {
        const listed = await limit(() => listIssuedAcmCertificates(client, abortSignal));
        const matching = listed.filter(
          (s) => s.moreNames || acmNamesMatch([s.domainName, ...s.subjectAlternativeNames], hostnames),
        );
        const described = await Promise.all(
          matching.map((s) => limit(() => describeAcmCertificate(client, s.arn, abortSignal))),
        );
        const relevant = described.filter((d) =>
          acmNamesMatch([d.domainName, ...d.subjectAlternativeNames], hostnames),
        );
        const tags =
          relevant.length > 1
            ? await Promise.all(relevant.map((d) => limit(() => listAcmCertificateTags(client, d.arn, abortSignal))))
            : [];
        const candidates = relevant.map((d, i): AcmCandidate => {
          const renews = tags[i]?.[RENEWS_TAG];
          return {
            ...d,
            region,
            hostnames: [...new Set([d.domainName, ...d.subjectAlternativeNames].map((n) => n.toLowerCase()))],
            ...(renews !== undefined ? { renews: renews.trim() } : {}),
          };
        });
        return { region, candidates };
      } catch (error) {
        return { region, problem: `could not read ACM in ${region}: ${describeError(error, abortSignal)}` };
      }
    }),
  );
  const gaps = regions.flatMap((r): CoverageGap[] =>
    'problem' in r ? [{ region: r.region, service: 'acm', reason: `${r.problem}, so a renewal there is unknown` }] : [],
  );
  return { value: regions, gaps };
}
