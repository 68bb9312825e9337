/**
 * Reads the `cert-expiry-monitor:renews` tag of the candidates it can decide between (several qualify for one
 * flagged certificate): one `iam:ListServerCertificateTags` each, `concurrency` at a time, none on most days. A
 * failed read is a coverage gap: the choice then stays open (`ambiguous`), never guessed.
 */
import pLimit from 'p-limit';
import type { AwsClients } from './aws/clients';
import { listServerCertificateTags } from './aws/iam';
import { describeError } from './describe-error';
import { RENEWS_TAG, type CoverageGap, type ServerCertificate } from './domain/types';

export async function readRenewsTags(
  clients: AwsClients,
  candidates: readonly ServerCertificate[],
  options: { readonly concurrency: number; readonly abortSignal?: AbortSignal },
  gaps: CoverageGap[],
): Promise<Map<string, string>> {
  const limit = pLimit(options.concurrency);
  const tags = new Map<string, string>();
  await Promise.all(
    candidates.map((candidate) =>
      limit(async () => {
        try {
          const value = (await listServerCertificateTags(clients.iam, candidate.name, options.abortSignal))[RENEWS_TAG];
          if (value !== undefined) tags.set(candidate.arn, value.trim());
        } catch (error) {
          gaps.push({
            region: 'global',
            service: 'iam',
            reason: `could not read the tags of ${candidate.name}, so its ${RENEWS_TAG} tag could not choose the renewal: ${describeError(error, options.abortSignal)}`,
          });
        }
      }),
    ),
  );
  return tags;
}
