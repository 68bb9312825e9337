/**
 * The Security Hub findings each account holds, per region, keyed by `ProductArn` and `Id` as Security Hub keys
 * them: importing the same pair again updates the finding in place (it keeps its position in the listing).
 */
export type Finding = Readonly<Record<string, unknown>>;

export class FindingStore {
  private readonly scopes = new Map<string, Map<string, Finding>>();

  get(accountId: string, region: string, productArn: string, id: string): Finding | undefined {
    return this.scopes.get(scope(accountId, region))?.get(key(productArn, id));
  }

  put(
    accountId: string,
    region: string,
    finding: Finding & { readonly ProductArn: string; readonly Id: string },
  ): void {
    const name = scope(accountId, region);
    let findings = this.scopes.get(name);
    if (!findings) {
      findings = new Map();
      this.scopes.set(name, findings);
    }
    findings.set(key(finding.ProductArn, finding.Id), finding);
  }

  /** The account's findings in the region, in the order they were first imported. */
  list(accountId: string, region: string): Finding[] {
    return [...(this.scopes.get(scope(accountId, region))?.values() ?? [])];
  }
}

const scope = (accountId: string, region: string): string => `${accountId}|${region}`;
const key = (productArn: string, id: string): string => `${productArn}|${id}`;
