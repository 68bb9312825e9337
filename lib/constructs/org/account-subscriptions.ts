import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { ACCOUNT_ALERT_EMAILS_RULE } from '../../../contract/validation';
import { checkProps } from '../prop-checks';
import { ORG_MESSAGE_ATTRIBUTES } from '../../../contract/organization';

export interface AccountSubscriptionsProps {
  readonly topic: sns.ITopic;
  /** Account id -> addresses (config `accountAlertEmails`). */
  readonly accountAlertEmails: Readonly<Record<string, readonly string[]>>;
}

/** The filter policy of a subscription that receives only the organization digest. */
export function digestFilterPolicy(): { [attribute: string]: sns.SubscriptionFilter } {
  return {
    [ORG_MESSAGE_ATTRIBUTES.scope]: sns.SubscriptionFilter.stringFilter({
      allowlist: [ORG_MESSAGE_ATTRIBUTES.organizationScope],
    }),
  };
}

/** The filter policy of a subscription that receives only the given accounts' own messages. */
export function accountFilterPolicy(accounts: readonly string[]): { [attribute: string]: sns.SubscriptionFilter } {
  return {
    [ORG_MESSAGE_ATTRIBUTES.scope]: sns.SubscriptionFilter.stringFilter({
      allowlist: [ORG_MESSAGE_ATTRIBUTES.accountScope],
    }),
    [ORG_MESSAGE_ATTRIBUTES.account]: sns.SubscriptionFilter.stringFilter({ allowlist: [...accounts] }),
  };
}

/**
 * One email subscription per address of `accountAlertEmails`, filtered to the messages of that address's accounts
 * (an address given for several accounts is one subscription: SNS keeps one subscription per topic and endpoint).
 */
export class AccountSubscriptions extends Construct {
  constructor(scope: Construct, id: string, props: AccountSubscriptionsProps) {
    super(scope, id);
    checkProps(this, { accountAlertEmails: [props.accountAlertEmails, ACCOUNT_ALERT_EMAILS_RULE] });
    const accountsByEmail = new Map<string, string[]>();
    for (const [account, emails] of Object.entries(props.accountAlertEmails)) {
      for (const email of emails) accountsByEmail.set(email, [...(accountsByEmail.get(email) ?? []), account]);
    }
    for (const [email, accounts] of accountsByEmail) {
      props.topic.addSubscription(
        new subscriptions.EmailSubscription(email, { filterPolicy: accountFilterPolicy(accounts.sort()) }),
      );
    }
  }
}
