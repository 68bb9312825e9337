/**
 * IAM (query protocol, 2010-05-08): ListServerCertificates, ListServerCertificateTags, GetServerCertificate,
 * ListAccountAliases, DeleteServerCertificate.
 */
import { serverCertificatePems, type ServerCertificatePems } from '../estate/certificate-factory';
import { paginate } from '../protocols/paging';
import { AwsError } from '../protocols/aws-error';
import { intParam, requireParam, type Params } from '../protocols/form-params';
import type { IndexedCertificate } from '../estate/scenario-index';
import { el, escapeXml, list, node } from '../protocols/xml';
import type { ActionContext, ServiceDefinition } from './service';

const MAX_ITEMS = { min: 1, max: 1000, defaultValue: 100 };

function pagingXml(nextMarker: string | undefined): string {
  return `<IsTruncated>${nextMarker !== undefined}</IsTruncated>${el('Marker', nextMarker)}`;
}

function certificateMetadataXml(c: IndexedCertificate): string {
  return (
    el('Path', c.path) +
    el('ServerCertificateName', c.name) +
    el('ServerCertificateId', c.id) +
    el('Arn', c.arn) +
    el('UploadDate', c.uploadDate) +
    el('Expiration', c.expiration)
  );
}

const YEAR_MS = 365 * 86_400_000;
/** By what a body is made from: two servers (or runs) with the same scenario serve the very same PEMs. */
const generated = new Map<string, ServerCertificatePems>();

/**
 * The scenario's PEMs, or a certificate generated for its hostnames, valid from the upload until the listed
 * expiry (so body and listing agree), made once per process for the same names and dates.
 */
function pemsOf(c: IndexedCertificate): ServerCertificatePems {
  if (c.body !== undefined) return { body: c.body, ...(c.chain !== undefined ? { chain: c.chain } : {}) };
  const notAfter = c.expiration ?? new Date(c.uploadDate.getTime() + YEAR_MS);
  const notBefore = c.uploadDate.getTime() < notAfter.getTime() ? c.uploadDate : new Date(notAfter.getTime() - YEAR_MS);
  const spec = {
    hostnames: c.hostnames,
    notBefore,
    notAfter,
    ...(c.intermediateExpiration ? { intermediateNotAfter: c.intermediateExpiration } : {}),
  };
  const key = JSON.stringify(spec);
  let pems = generated.get(key);
  if (!pems) {
    pems = serverCertificatePems(spec);
    generated.set(key, pems);
  }
  return pems;
}

function requireCertificate(params: Params, index: ActionContext['index']): IndexedCertificate {
  const name = requireParam(params, 'ServerCertificateName');
  const cert = index.certificatesByName.get(name);
  if (!cert) throw new AwsError('NoSuchEntity', `The Server Certificate with name ${name} cannot be found.`, 404);
  return cert;
}

function pageParams(params: Params) {
  return { marker: params.Marker, maxItems: intParam(params, 'MaxItems', 'maxItems', MAX_ITEMS) };
}

export const iamService: ServiceDefinition = {
  name: 'iam',
  protocol: 'query',
  namespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  regional: false,
  actions: {
    ListServerCertificates: ({ params, index }) => {
      const { marker, maxItems } = pageParams(params);
      const prefix = params.PathPrefix || '/';
      const all = prefix === '/' ? index.certificates : index.certificates.filter((c) => c.path.startsWith(prefix));
      const page = paginate(all, marker, maxItems);
      return list('ServerCertificateMetadataList', page.items, certificateMetadataXml) + pagingXml(page.nextMarker);
    },
    ListServerCertificateTags: ({ params, index }) => {
      const cert = requireCertificate(params, index);
      const { marker, maxItems } = pageParams(params);
      const page = paginate(cert.tags, marker, maxItems);
      return list('Tags', page.items, ([k, v]) => el('Key', k) + el('Value', v)) + pagingXml(page.nextMarker);
    },
    GetServerCertificate: ({ params, index }) => {
      const cert = requireCertificate(params, index);
      const { body, chain } = pemsOf(cert);
      return node(
        'ServerCertificate',
        node('ServerCertificateMetadata', certificateMetadataXml(cert)) +
          el('CertificateBody', body) +
          el('CertificateChain', chain) +
          list('Tags', cert.tags, ([k, v]) => el('Key', k) + el('Value', v)),
      );
    },
    // Like IAM: no check that ELB or CloudFront still serves it (the API reference warns that ELB may go on
    // using a deleted certificate); that check is the caller's.
    DeleteServerCertificate: ({ params, index }) => {
      index.deleteCertificate(requireCertificate(params, index).name);
      return '';
    },
    ListAccountAliases: ({ params, index }) => {
      const { marker, maxItems } = pageParams(params);
      const page = paginate(index.accountAliases, marker, maxItems);
      return list('AccountAliases', page.items, escapeXml) + pagingXml(page.nextMarker);
    },
  },
};
