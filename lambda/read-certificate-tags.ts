/**
 * Reads the IAM tags of some certificates, `concurrency` at a time: one `iam:ListServerCertificateTags` each (the
 * ones near expiry for their settings; the renewal candidates a `renews` tag must decide between, none on most
 * days). A failed read is a coverage gap that says what its absence means, never a failed run.
 */
import pLimit from 'p-limit';
import type { AwsClients } from './aws/clients';
import { listServerCertificateTags } from './aws/iam';
import { describeError } from './describe-error';
import type { Step } from './domain/step';
import type { CoverageGap, ServerCertificate } from './domain/types';

export interface ReadTagsOptions {
  readonly concurrency: number;
  readonly abortSignal?: AbortSignal | undefined;
  /** What a failed read leaves the certificate with, for its gap: `its defaults applied`. */
  readonly withoutTags: string;
}

/** Each readable certificate's tags (key → value), by ARN; a gap for each that could not be read. */
export async function readCertificateTags(
  clients: AwsClients,
  certificates: readonly ServerCertificate[],
  options: ReadTagsOptions,
): Promise<Step<Map<string, Record<string, string>>>> {
  const limit = pLimit(options.concurrency);
  const reads = await Promise.all(
    certificates.map((certificate) =>
      limit(async (): Promise<{ tags: [string, Record<string, string>] } | { gap: CoverageGap }> => {
        try {
          return {
            tags: [
              certificate.arn,
              await listServerCertificateTags(clients.iam, certificate.name, options.abortSignal),
            ],
          };
        } catch (error) {
          const reason = `could not read the tags of ${certificate.name}, so ${options.withoutTags}: ${describeError(error, options.abortSignal)}`;
          return { gap: { region: 'global', service: 'iam', reason } };
        }
      }),
    ),
  );
  return {
    value: new Map(reads.flatMap((r) => ('tags' in r ? [r.tags] : []))),
    gaps: reads.flatMap((r) => ('gap' in r ? [r.gap] : [])),
  };
}
