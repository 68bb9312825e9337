/**
 * S3 (REST, path-style `/bucket/key`): PutObject and GetObject of small objects, enough for the organization
 * run's data (account list, ResultWriter output, large reports). Any bucket name is accepted.
 */
import { AwsError } from '../protocols/aws-error';
import { requireParam } from '../protocols/form-params';
import type { ServiceDefinition } from './service';

export const s3Service: ServiceDefinition = {
  name: 's3',
  protocol: 'rest-xml',
  namespace: 'http://s3.amazonaws.com/doc/2006-03-01/',
  regional: false,
  actions: {
    PutObject: ({ params, objects }) => {
      objects.put(requireParam(params, 'Bucket'), requireParam(params, 'Key'), params.Body ?? '');
      return '';
    },
    GetObject: ({ params, objects }) => {
      const body = objects.get(requireParam(params, 'Bucket'), requireParam(params, 'Key'));
      if (body === undefined) throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404);
      return body;
    },
  },
};
