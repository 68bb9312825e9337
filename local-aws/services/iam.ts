/** IAM (query protocol, 2010-05-08): ListServerCertificates, ListServerCertificateTags, ListAccountAliases. */
import { paginate } from '../paging';
import { AwsError } from '../protocols/aws-error';
import { intParam, requireParam, type Params } from '../protocols/form-params';
import type { IndexedCertificate } from '../scenario-index';
import { el, escapeXml, list } from '../xml';
import type { ServiceDefinition } from './service';

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
      const name = requireParam(params, 'ServerCertificateName');
      const cert = index.certificatesByName.get(name);
      if (!cert) throw new AwsError('NoSuchEntity', `The Server Certificate with name ${name} cannot be found.`, 404);
      const { marker, maxItems } = pageParams(params);
      const page = paginate(cert.tags, marker, maxItems);
      return list('Tags', page.items, ([k, v]) => el('Key', k) + el('Value', v)) + pagingXml(page.nextMarker);
    },
    ListAccountAliases: ({ params, index }) => {
      const { marker, maxItems } = pageParams(params);
      const page = paginate(index.accountAliases, marker, maxItems);
      return list('AccountAliases', page.items, escapeXml) + pagingXml(page.nextMarker);
    },
  },
};
