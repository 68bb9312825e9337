/**
 * The actions the optional sinks call, and the ARNs they are scoped to: granted only when the sink is switched on
 * (the stacks and the member role template read these; the runtime calls exactly these).
 *
 * Service Authorization Reference, Security Hub (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecurityhub.html):
 * BatchImportFindings is granted on the `product` resource type, GetFindings on the `hub` resource type; the
 * monitor imports through the account's own `default` product and reads its own hub only. (Not yet confirmed
 * against the reference's resource-type column nor in a real account: if IAM denies, widen to what it lists.)
 * EventBridge PutEvents is authorized on the `event-bus` resource type
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html).
 */

export const SECURITY_HUB_IMPORT_ACTION = 'securityhub:BatchImportFindings';
export const SECURITY_HUB_READ_ACTION = 'securityhub:GetFindings';
export const EVENTBRIDGE_PUT_ACTION = 'events:PutEvents';

/** Where each ARN part comes from: tokens in a stack, `${AWS::...}` in a StackSet template, strings at run time. */
export interface ArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** The account's custom-findings product in a region: the only product the `default` import may name. */
export function securityHubProductArn(at: ArnParts): string {
  return `arn:${at.partition}:securityhub:${at.region}:${at.account}:product/${at.account}/default`;
}

/** The account's hub in a region (GetFindings reads only the caller's own findings there). */
export function securityHubHubArn(at: ArnParts): string {
  return `arn:${at.partition}:securityhub:${at.region}:${at.account}:hub/default`;
}

/** A bus ARN from its name or ARN (a name is a bus of this account and region). */
export function eventBusArn(bus: string, at: ArnParts): string {
  return bus.startsWith('arn:') ? bus : `arn:${at.partition}:events:${at.region}:${at.account}:event-bus/${bus}`;
}

/** The region a bus lives in: an ARN's own, else `home`. */
export function eventBusRegion(bus: string, home: string): string {
  return bus.startsWith('arn:') ? (bus.split(':')[3] ?? home) : home;
}
