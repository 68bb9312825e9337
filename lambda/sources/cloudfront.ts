/**
 * CloudFront: a distribution refers to its IAM certificate by ID (`ViewerCertificate.IAMCertificateId`), not ARN,
 * and accepts only certificates under the IAM path `/cloudfront/`. Switched by editing the distribution config.
 */
import { scanCloudFrontDistributions } from '../aws/cloudfront';
import type { DistributionUsage } from '../domain/types';
import { consoleHost } from './console-host';
import { command } from './shell-command';
import { shellWord } from '../text/sanitise';
import type { SourceListing, SwitchTarget, UsageSource } from './usage-source';

const NOTE = 'CloudFront refers to IAM certificates by ID (ViewerCertificate.IAMCertificateId), not ARN.';

/** Sets the certificate id in a saved `get-distribution-config` answer; followed by the input and output files. */
const SET_CERTIFICATE_ID =
  `jq --arg id "$NEW_CERT_ID" '.DistributionConfig | .ViewerCertificate.IAMCertificateId = $id` +
  ` | if .ViewerCertificate.Certificate then .ViewerCertificate.Certificate = $id else . end'`;

/**
 * Points a saved config at an ACM certificate (us-east-1): `ACMCertificateArn` replaces `IAMCertificateId` (one of
 * them, not both) and the deprecated `Certificate`/`CertificateSource` go; `SSLSupportMethod` and
 * `MinimumProtocolVersion` stay as they were (an ACM ARN needs both set).
 * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html
 */
const SET_ACM_ARN =
  `jq --arg arn "$NEW_CERT_ARN" '.DistributionConfig | .ViewerCertificate |=` +
  ` (del(.IAMCertificateId, .Certificate, .CertificateSource) | .ACMCertificateArn = $arn)'`;

const ACM_NOTE =
  'CloudFront takes ACM certificates from us-east-1 only; SSLSupportMethod and MinimumProtocolVersion are kept.';

/** The command that sets the certificate in the saved config, and what it needs set first. */
function certificateEdit(target: SwitchTarget): { readonly set: string; readonly jq: string; readonly note: string } {
  if (target.store === 'acm') return { set: `NEW_CERT_ARN=${shellWord(target.arn)}`, jq: SET_ACM_ARN, note: ACM_NOTE };
  return { set: newCertificateIdCommand(target), jq: SET_CERTIFICATE_ID, note: NOTE };
}

/** `NEW_CERT_ID=…`: the renewal's id when it is uploaded already, else looked up after the upload. */
function newCertificateIdCommand(target: SwitchTarget): string {
  if (target.id) return `NEW_CERT_ID=${shellWord(target.id)}`;
  return `NEW_CERT_ID=$(${command(
    'aws',
    'iam',
    'get-server-certificate',
    '--server-certificate-name',
    target.name,
    '--query',
    'ServerCertificate.ServerCertificateMetadata.ServerCertificateId',
    '--output',
    'text',
  )})`;
}

/** ` (shop.example.com, www.shop.example.com)`, or nothing. */
function aliases(usage: DistributionUsage): string {
  return usage.aliases.length > 0 ? ` (${usage.aliases.join(', ')})` : '';
}

function distributionsConsole(partition: string): string {
  return `https://${consoleHost(partition)}/cloudfront/v4/home#/distributions`;
}

export const cloudFrontSource: UsageSource<DistributionUsage> = {
  name: 'CloudFront',
  types: ['cloudfront'],
  service: { name: 'cloudfront', label: 'CloudFront distributions' },
  requiredPath: '/cloudfront/',
  names: {
    place: (u) => `CloudFront distribution ${u.id}`,
    servedBy: (u) => `CloudFront distribution ${u.id}, global, HTTPS:443`,
    compact: (u) => `CloudFront ${u.id}${aliases(u)}`,
    chat: (u) => `CloudFront ${u.id}${aliases(u)}`,
    table: (u) => `CloudFront ${u.id} (global)`,
  },
  console: {
    page: (usage, partition) => `${distributionsConsole(partition)}/${encodeURIComponent(usage.id)}`,
    list: (_usage, partition) => ({ label: 'CloudFront', url: distributionsConsole(partition) }),
  },
  switch: {
    step: (usage, _oldArn, target) => {
      const id = usage.id;
      const file = `${id}.json`;
      const configFile = `${id}-config.json`;
      const edit = certificateEdit(target);
      return {
        title: `Switch ${cloudFrontSource.names.place(usage)} to ${target.label} (needs jq; run in one shell):`,
        commands: [
          edit.set,
          `${command('aws', 'cloudfront', 'get-distribution-config', '--id', id, '--output', 'json')} > ${shellWord(file)}`,
          `ETAG=$(jq -r .ETag ${shellWord(file)})`,
          `${edit.jq} ${shellWord(file)} > ${shellWord(configFile)}`,
          `${command('aws', 'cloudfront', 'update-distribution', '--id', id, '--distribution-config', `file://${configFile}`)} --if-match "$ETAG"`,
          command('aws', 'cloudfront', 'wait', 'distribution-deployed', '--id', id),
        ],
        note: edit.note,
      };
    },
    // One loop for every distribution, after the regional loops.
    group: (_usage, target) => ({ key: `cloudfront ${target.arn}`, order: 0 }),
    groupStep: (usages, _oldArn, target) => ({
      title: `Switch ${usages.length} ${usages.length === 1 ? 'CloudFront distribution' : 'CloudFront distributions'} to ${target.label} (needs jq; run in one shell):`,
      before: [certificateEdit(target).set],
      loop: {
        variable: 'd',
        items: usages.map((u) => shellWord(u.id)),
        body: [
          `${command('aws', 'cloudfront', 'get-distribution-config', '--id')} "$d" --output json > "$d.json"`,
          'ETAG=$(jq -r .ETag "$d.json")',
          `${certificateEdit(target).jq} "$d.json" > "$d-config.json"`,
          'aws cloudfront update-distribution --id "$d" --distribution-config "file://$d-config.json" --if-match "$ETAG"',
          'aws cloudfront wait distribution-deployed --id "$d"',
        ],
      },
      note: certificateEdit(target).note,
    }),
  },
};

export const cloudFrontListing: SourceListing = {
  source: cloudFrontSource,
  scope: 'global',
  list: (clients, { emit, abortSignal }) => scanCloudFrontDistributions(clients.cloudFront, emit, abortSignal),
};
