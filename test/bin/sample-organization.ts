/** The organization the `check --organization` tests scan on the loopback server (the caller is its management account). */
import { scenarioBuilder, type Scenario } from '../../local-aws';
import type { OrganizationScenario } from '../../local-aws/estate/organization-scenario';

export const MANAGEMENT = '123456789012';

/** One account with one certificate expiring in `days`, in us-east-1. */
export const estate = (id: string, days: number): Scenario =>
  scenarioBuilder({ now: new Date() })
    .account(id)
    .regions('us-east-1')
    .certificate('shop', { expiresInDays: days })
    .build();

/** prod-web's certificate expires in `webDays`; the sandbox account's member role is deployed or missing. */
export function organization(webDays: number, sandboxRole: 'deployed' | 'missing' = 'missing'): OrganizationScenario {
  return {
    managementAccountId: MANAGEMENT,
    rootId: 'r-ab12',
    organizationalUnits: [{ id: 'ou-ab12-prod0001', name: 'Production' }],
    accounts: [
      { id: MANAGEMENT, name: 'management', memberRole: 'missing' },
      { id: '222222222222', name: 'prod-web', parentId: 'ou-ab12-prod0001', estate: estate('222222222222', webDays) },
      { id: '333333333333', name: 'prod-api', parentId: 'ou-ab12-prod0001', estate: estate('333333333333', 200) },
      { id: '444444444444', name: 'sandbox', memberRole: sandboxRole },
    ],
  };
}
