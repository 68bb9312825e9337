/**
 * Reads the bodies a day with findings needs (never on a quiet day): every flagged certificate, then the
 * possible renewals of those whose names are known. At most flagged + MAX_RENEWAL_CANDIDATE_READS calls of
 * `iam:GetServerCertificate`, `concurrency` at a time. A failed read never drops a finding: it becomes a named
 * problem (a flagged certificate) or a coverage gap (a possible renewal). Bodies are parsed here and dropped;
 * they are never logged.
 */
import pLimit from 'p-limit';
import type { AwsClients } from './aws/clients';
import { getServerCertificate } from './aws/iam';
import { describeError } from './describe-error';
import { hostnamesOf, parseCertificateBody } from './domain/certificate-details';
import type { BodyOutcome, CertificateKnowledge } from './domain/certificate-knowledge';
import { expiresLater, type RenewalCandidates } from './domain/renewal';
import type { Step } from './domain/step';
import type { CoverageGap, ServerCertificate } from './domain/types';

export interface ReadCertificatesOptions {
  readonly concurrency: number;
  readonly abortSignal?: AbortSignal | undefined;
}

export async function readCertificates(
  clients: AwsClients,
  flagged: readonly ServerCertificate[],
  candidates: RenewalCandidates,
  options: ReadCertificatesOptions,
): Promise<Step<CertificateKnowledge>> {
  const limit = pLimit(options.concurrency);
  // One listener on the run's deadline for all reads (not one per request in flight beside the scan's own).
  const abortSignal = options.abortSignal ? AbortSignal.any([options.abortSignal]) : undefined;
  const bodies = new Map<string, BodyOutcome>();
  const read = (certificates: readonly ServerCertificate[]) =>
    Promise.all(
      certificates.map((certificate) =>
        limit(async () => {
          bodies.set(certificate.arn, await readOne(clients, certificate, abortSignal));
        }),
      ),
    );

  await read(flagged);
  // Only renewals of certificates whose names are known can be found: read no other body.
  const expiries = flagged.flatMap((f) => {
    const outcome = bodies.get(f.arn);
    if (!outcome || !('parsed' in outcome) || hostnamesOf(outcome.parsed.details).length === 0) return [];
    return [f.expiration ?? outcome.parsed.details.notAfter];
  });
  const earliest = expiries.length > 0 ? new Date(Math.min(...expiries.map((d) => d.getTime()))) : undefined;
  const worthReading = earliest ? candidates.toRead.filter((c) => expiresLater(c, earliest)) : [];
  await read(worthReading);

  const gaps = worthReading.flatMap((certificate): CoverageGap[] => {
    const outcome = bodies.get(certificate.arn);
    if (!outcome || !('problem' in outcome)) return [];
    const reason = `${outcome.problem}, so ${certificate.name} was not considered as a renewal`;
    return [{ region: 'global', service: 'iam', reason }];
  });
  return { value: { bodies, candidates: worthReading, notRead: candidates.notRead }, gaps };
}

async function readOne(
  clients: AwsClients,
  certificate: ServerCertificate,
  abortSignal?: AbortSignal,
): Promise<BodyOutcome> {
  let pem: { body: string; chain?: string };
  try {
    pem = await getServerCertificate(clients.iam, certificate.name, abortSignal);
  } catch (error) {
    return { problem: `could not read the body of ${certificate.name}: ${describeError(error, abortSignal)}` };
  }
  try {
    return { parsed: parseCertificateBody(pem.body, pem.chain) };
  } catch (error) {
    return { problem: `the body of ${certificate.name} could not be parsed: ${(error as Error).message}` };
  }
}
