/** STS (query protocol, 2011-06-15): AssumeRole (credentials scoped to the role's account), GetCallerIdentity. */
import { intParam, requireParam } from '../protocols/form-params';
import { el, isoTimestamp } from '../protocols/xml';
import type { ServiceDefinition } from './service';

export const stsService: ServiceDefinition = {
  name: 'sts',
  protocol: 'query',
  namespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  regional: false,
  actions: {
    AssumeRole: ({ params, index, accounts }) => {
      const roleArn = requireParam(params, 'RoleArn');
      const sessionName = requireParam(params, 'RoleSessionName');
      const duration = intParam(params, 'DurationSeconds', 'durationSeconds', {
        min: 900,
        max: 43_200,
        defaultValue: 3600,
      });
      const c = accounts.assumeRole(index.accountId, roleArn, sessionName, duration);
      const roleName = roleArn.split('/').pop();
      return (
        `<Credentials>${el('AccessKeyId', c.accessKeyId)}${el('SecretAccessKey', c.secretAccessKey)}` +
        `${el('SessionToken', c.sessionToken)}${el('Expiration', isoTimestamp(c.expiration))}</Credentials>` +
        `<AssumedRoleUser>${el('AssumedRoleId', `AROALOOPBACK:${sessionName}`)}` +
        `${el('Arn', `arn:aws:sts::${c.accountId}:assumed-role/${roleName}/${sessionName}`)}</AssumedRoleUser>`
      );
    },
    GetCallerIdentity: ({ index }) =>
      el('UserId', 'AIDALOOPBACK') +
      el('Account', index.accountId) +
      el('Arn', `arn:aws:iam::${index.accountId}:user/loopback`),
  },
};
