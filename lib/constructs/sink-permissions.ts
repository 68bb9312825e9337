import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  EVENTBRIDGE_PUT_ACTION,
  eventBusArn,
  SECURITY_HUB_IMPORT_ACTION,
  SECURITY_HUB_READ_ACTION,
  securityHubHubArn,
  securityHubProductArn,
} from '../../contract/sink-permissions';

/** Which optional sinks a role delivers to. */
export interface SinkGrants {
  /**
   * Import into and read the role's own account's Security Hub CSPM (its `default` product and hub, this region).
   * @default false
   */
  readonly securityHub?: boolean;
  /**
   * Put events on this bus (name: a bus of this account and region; or its ARN).
   * @default - none
   */
  readonly eventBus?: string;
}

/** Grants `role` exactly the actions of the sinks switched on, each scoped to its one resource; nothing when off. */
export function grantSinkPermissions(role: iam.IRole, grants: SinkGrants): void {
  const stack = Stack.of(role);
  const here = { partition: stack.partition, region: stack.region, account: stack.account };
  if (grants.securityHub) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ImportSecurityHubFindings',
        actions: [SECURITY_HUB_IMPORT_ACTION],
        resources: [securityHubProductArn(here)],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadOwnSecurityHubFindings',
        actions: [SECURITY_HUB_READ_ACTION],
        resources: [securityHubHubArn(here)],
      }),
    );
  }
  if (grants.eventBus) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PutCertificateEvents',
        actions: [EVENTBRIDGE_PUT_ACTION],
        resources: [eventBusArn(grants.eventBus, here)],
      }),
    );
  }
}
