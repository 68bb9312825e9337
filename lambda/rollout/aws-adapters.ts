/** The apply engine's reads and writes over the SDK clients (their retry strategy handles throttling). */
import type { AwsClients } from '../aws/clients';
import { classicListenerCertificate, setClassicListenerCertificate } from '../aws/classic-elb';
import { distributionStatus, getDistributionConfig, updateDistributionCertificate } from '../aws/cloudfront';
import { addSniCertificate, listenerCertificates, removeSniCertificate, setDefaultCertificate } from '../aws/elbv2';
import type { RolloutAdapters } from './apply';

export function awsRolloutAdapters(clients: AwsClients): RolloutAdapters {
  return {
    classicCertificate: (region, name, port) => classicListenerCertificate(clients.elb(region), name, port),
    setClassicCertificate: (region, name, port, arn) =>
      setClassicListenerCertificate(clients.elb(region), name, port, arn),
    listenerCertificates: (region, listenerArn) => listenerCertificates(clients.elbv2(region), listenerArn),
    setDefaultCertificate: (region, listenerArn, arn) => setDefaultCertificate(clients.elbv2(region), listenerArn, arn),
    addSniCertificate: (region, listenerArn, arn) => addSniCertificate(clients.elbv2(region), listenerArn, arn),
    removeSniCertificate: (region, listenerArn, arn) => removeSniCertificate(clients.elbv2(region), listenerArn, arn),
    distributionStatus: (id) => distributionStatus(clients.cloudFront, id),
    distribution: async (id) => {
      const read = await getDistributionConfig(clients.cloudFront, id);
      const served =
        read.served &&
        ('iamCertificateId' in read.served ? read.served.iamCertificateId : read.served.acmCertificateArn);
      return {
        ...(served !== undefined ? { served } : {}),
        switchTo: (target) =>
          updateDistributionCertificate(
            clients.cloudFront,
            read,
            target.store === 'iam' ? { iamCertificateId: target.id } : { acmCertificateArn: target.arn },
          ),
      };
    },
  };
}
