import {
  DeleteServerCertificateCommand,
  GetServerCertificateCommand,
  IAMClient,
  ListAccountAliasesCommand,
  paginateListServerCertificateTags,
  paginateListServerCertificates,
  type ServerCertificateMetadata,
} from '@aws-sdk/client-iam';
import type { ServerCertificate } from '../domain/types';
import { boundedPages, ListingStoppedError } from './bounded-pages';
import { LISTING_PAGE_CAPS } from './listing-caps';
import { sendOptions } from './send-options';

export interface CertificateListing {
  readonly certificates: ServerCertificate[];
  /** Why the listing stopped before its end (a repeated marker, too many pages); the certificates before it are kept. */
  readonly stopped?: string;
}

/** Every IAM server certificate's metadata (never bodies or keys), across all pages. */
export async function listServerCertificates(
  client: IAMClient,
  abortSignal?: AbortSignal,
): Promise<CertificateListing> {
  // By ARN: a service that pages in a loop must not list a certificate twice.
  const certificates = new Map<string, ServerCertificate>();
  const pages = boundedPages(paginateListServerCertificates({ client, pageSize: 1000 }, {}, { abortSignal }), {
    action: 'ListServerCertificates',
    maxPages: LISTING_PAGE_CAPS.iamServerCertificates,
    nextToken: (page) => page.Marker,
    abortSignal,
  });
  try {
    for await (const page of pages) {
      for (const metadata of page.ServerCertificateMetadataList ?? []) {
        const certificate = toCertificate(metadata);
        certificates.set(certificate.arn, certificate);
      }
    }
  } catch (error) {
    if (error instanceof ListingStoppedError)
      return { certificates: [...certificates.values()], stopped: error.message };
    throw error;
  }
  return { certificates: [...certificates.values()] };
}

function toCertificate(m: ServerCertificateMetadata): ServerCertificate {
  const name = m.ServerCertificateName ?? '(unnamed)';
  return {
    name,
    id: m.ServerCertificateId ?? '',
    arn: m.Arn ?? name,
    path: m.Path ?? '/',
    ...(m.Expiration ? { expiration: m.Expiration } : {}),
    ...(m.UploadDate ? { uploadDate: m.UploadDate } : {}),
  };
}

/** A certificate's tags as a key → value record. */
export async function listServerCertificateTags(
  client: IAMClient,
  certificateName: string,
  abortSignal?: AbortSignal,
): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  const pages = boundedPages(
    paginateListServerCertificateTags({ client }, { ServerCertificateName: certificateName }, { abortSignal }),
    {
      action: 'ListServerCertificateTags',
      maxPages: LISTING_PAGE_CAPS.iamTags,
      nextToken: (p) => p.Marker,
      abortSignal,
    },
  );
  for await (const page of pages) {
    for (const { Key, Value } of page.Tags ?? []) if (Key !== undefined) tags[Key] = Value ?? '';
  }
  return tags;
}

/** The account's alias (an account has at most one), if it has one. */
export async function getAccountAlias(client: IAMClient, abortSignal?: AbortSignal): Promise<string | undefined> {
  const { AccountAliases } = await client.send(new ListAccountAliasesCommand({}), sendOptions(abortSignal));
  return AccountAliases?.[0];
}

/** A certificate's public body and chain (IAM never returns the private key). Callers must never log them. */
export interface CertificateBody {
  readonly body: string;
  readonly chain?: string;
}

export async function getServerCertificate(
  client: IAMClient,
  certificateName: string,
  abortSignal?: AbortSignal,
): Promise<CertificateBody> {
  const { ServerCertificate } = await client.send(
    new GetServerCertificateCommand({ ServerCertificateName: certificateName }),
    sendOptions(abortSignal),
  );
  return {
    body: ServerCertificate?.CertificateBody ?? '',
    ...(ServerCertificate?.CertificateChain ? { chain: ServerCertificate.CertificateChain } : {}),
  };
}

/** Deletes an IAM server certificate (the rollout's last step, only once nothing serves it). */
export async function deleteServerCertificate(client: IAMClient, certificateName: string): Promise<void> {
  await client.send(new DeleteServerCertificateCommand({ ServerCertificateName: certificateName }));
}
