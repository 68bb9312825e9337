/**
 * Custom-resource handler of the integration test (cr.Provider onEvent): on Create it uploads a self-signed
 * certificate that expires in two days to IAM; on Delete it deletes it. The private key exists only in this
 * invocation and in IAM, never in a template or a log.
 */
import {
  DeleteServerCertificateCommand,
  IAMClient,
  NoSuchEntityException,
  UploadServerCertificateCommand,
} from '@aws-sdk/client-iam';
import { selfSignedCertificate } from './self-signed-certificate';

const iam = new IAMClient({});
const DAY_MS = 86_400_000;

interface Event {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: { readonly CertificateName: string; readonly ExpiresInDays: string };
}

export async function handler(event: Event): Promise<{ PhysicalResourceId: string; Data?: Record<string, string> }> {
  const name = event.ResourceProperties.CertificateName;
  if (event.RequestType === 'Delete') {
    try {
      await iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: event.PhysicalResourceId ?? name }));
    } catch (e) {
      if (!(e instanceof NoSuchEntityException)) throw e;
    }
    return { PhysicalResourceId: event.PhysicalResourceId ?? name };
  }
  // Nothing to change for an update of the same certificate; a new name is a new resource (the old one is deleted).
  if (event.RequestType === 'Update' && event.PhysicalResourceId === name) return { PhysicalResourceId: name };
  const now = Date.now();
  const { certificatePem, privateKeyPem } = selfSignedCertificate(
    `${name}.integ.invalid`,
    new Date(now - DAY_MS),
    new Date(now + Number(event.ResourceProperties.ExpiresInDays) * DAY_MS),
  );
  const uploaded = await iam.send(
    new UploadServerCertificateCommand({
      ServerCertificateName: name,
      CertificateBody: certificatePem,
      PrivateKey: privateKeyPem,
    }),
  );
  const metadata = uploaded.ServerCertificateMetadata!;
  return { PhysicalResourceId: name, Data: { Arn: metadata.Arn!, Expiration: metadata.Expiration!.toISOString() } };
}
