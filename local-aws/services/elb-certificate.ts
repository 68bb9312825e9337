/**
 * What ELB and ELBv2 writes check of the certificate they are given: it exists (IAM in the account, or ACM in the
 * region), and an IAM one is past its propagation time. Both answer `CertificateNotFound` otherwise, as AWS does
 * for a certificate uploaded moments ago:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ts-elb-error-api-response.html
 */
import { AwsError } from '../protocols/aws-error';
import type { ActionContext } from './service';

export function requireElbCertificate(ctx: ActionContext, arn: string): void {
  const iam = ctx.index.certificates.find((c) => c.arn === arn);
  const acm = ctx.index.region(ctx.region).acmByArn.get(arn);
  const visibleFrom = iam ? iam.uploadDate.getTime() + ctx.certificatePropagationMs : 0;
  if ((!iam && !acm) || ctx.now.getTime() < visibleFrom) {
    throw new AwsError('CertificateNotFound', `Certificate '${arn}' not found`);
  }
}
