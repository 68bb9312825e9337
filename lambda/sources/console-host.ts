/** The AWS console's host name in a partition, for the console links the alerts print. Pure. */
export function consoleHost(partition: string, region?: string): string {
  if (partition === 'aws-cn') return region ? `${region}.console.amazonaws.cn` : 'console.amazonaws.cn';
  if (partition === 'aws-us-gov') return 'console.amazonaws-us-gov.com';
  return region ? `${region}.console.aws.amazon.com` : 'console.aws.amazon.com';
}
