/**
 * The first fix-it step for an account of an organization run (pure): a guard that stops a pasted block in a shell
 * whose credentials are for another account. `sts get-caller-identity` needs no permission and answers even when
 * an explicit deny names it (https://docs.aws.amazon.com/cli/latest/reference/sts/get-caller-identity.html), so
 * the guard fails only when the credentials are missing, expired or for another account.
 */
import type { Report } from '../domain/types';
import type { RemediationStep } from '../sources/usage-source';

/** The account the commands are for. */
export interface AccountGuard {
  readonly accountId: string;
  readonly accountName?: string;
}

const ACCOUNT_ID = /^\d{12}$/;

/** `[ "$(aws sts get-caller-identity …)" = "123456789012" ] || exit 1`, or a warning when the id is not one. */
export function accountGuardStep({ accountId, accountName }: AccountGuard): RemediationStep {
  if (!ACCOUNT_ID.test(accountId)) {
    return {
      title: 'The account id of these commands is not known: check which account your shell is in before any.',
      commands: [],
    };
  }
  const label = accountName ? `${accountId} (${accountName})` : accountId;
  return {
    title:
      `These commands are for account ${label}. Run them in a shell with its credentials; this guard exits the ` +
      'shell otherwise (it stops a pasted block in the wrong account):',
    commands: [`[ "$(aws sts get-caller-identity --query Account --output text)" = "${accountId}" ] || exit 1`],
  };
}

/** The remediation context's guard for a report: only an account of an organization run has one. */
export function guardOf(report: Report): { readonly accountGuard?: AccountGuard } {
  if (!report.memberOfOrganization) return {};
  const { accountId, accountAlias } = report;
  return { accountGuard: { accountId, ...(accountAlias !== undefined ? { accountName: accountAlias } : {}) } };
}
