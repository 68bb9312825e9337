/** The services the loopback server speaks; `identifyRequest` names one for each request. */
export type ServiceName =
  | 'iam'
  | 'ec2'
  | 'elb'
  | 'elbv2'
  | 'cloudfront'
  | 'sns'
  | 'sts'
  | 'organizations'
  | 's3'
  | 'acm'
  | 'securityhub'
  | 'eventbridge';
export const SERVICE_NAMES: readonly ServiceName[] = [
  'iam',
  'ec2',
  'elb',
  'elbv2',
  'cloudfront',
  'sns',
  'sts',
  'organizations',
  's3',
  'acm',
  'securityhub',
  'eventbridge',
];
