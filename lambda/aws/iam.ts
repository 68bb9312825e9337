import {
  GetServerCertificateCommand,
  IAMClient,
  ListAccountAliasesCommand,
  paginateListServerCertificateTags,
  paginateListServerCertificates,
  type ServerCertificateMetadata,
} from '@aws-sdk/client-iam';
import type { ServerCertificate } from '../domain/types';

/** Every IAM server certificate's metadata (never bodies or keys), across all pages. */
export async function listServerCertificates(
  client: IAMClient,
  abortSignal?: AbortSignal,
): Promise<ServerCertificate[]> {
  const certificates: ServerCertificate[] = [];
  const pages = paginateListServerCertificates({ client, pageSize: 1000, stopOnSameToken: true }, {}, { abortSignal });
  for await (const page of pages) {
    for (const metadata of page.ServerCertificateMetadataList ?? []) certificates.push(toCertificate(metadata));
  }
  return certificates;
}

function toCertificate(m: ServerCertificateMetadata): ServerCertificate {
  const name = m.ServerCertificateName ?? '(unnamed)';
  return {
    name,
    id: m.ServerCertificateId ?? '',
    arn: m.Arn ?? name,
    path: m.Path ?? '/',
    expiration: m.Expiration,
    uploadDate: m.UploadDate,
  };
}

/** A certificate's tags as a key → value record. */
export async function listServerCertificateTags(
  client: IAMClient,
  certificateName: string,
  abortSignal?: AbortSignal,
): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  const pages = paginateListServerCertificateTags(
    { client, stopOnSameToken: true },
    { ServerCertificateName: certificateName },
    { abortSignal },
  );
  for await (const page of pages) {
    for (const { Key, Value } of page.Tags ?? []) if (Key !== undefined) tags[Key] = Value ?? '';
  }
  return tags;
}

/** The account's alias (an account has at most one), if it has one. */
export async function getAccountAlias(client: IAMClient, abortSignal?: AbortSignal): Promise<string | undefined> {
  const { AccountAliases } = await client.send(new ListAccountAliasesCommand({}), { abortSignal });
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
    { abortSignal },
  );
  return {
    body: ServerCertificate?.CertificateBody ?? '',
    ...(ServerCertificate?.CertificateChain ? { chain: ServerCertificate.CertificateChain } : {}),
  };
}
