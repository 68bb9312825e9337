import { renderAccountSection } from '../../../lambda/render/account-section';
import { largeReport } from './support';

describe('renderAccountSection', () => {
  // The planner measures a stand-in message; the section's own wording can come out a few bytes over its plan.
  it('names its most urgent certificates at every budget a digest part may give it, never only the counts', () => {
    const report = largeReport(20, 3);
    const account = { account: { accountId: '111111111111', accountName: 'team', hub: false }, report };
    const countsOnly: number[] = [];
    for (let budget = 20_480; budget < 120_000; budget += 97) {
      const section = renderAccountSection(account, budget);
      if (section.kind !== 'rendered' || section.json.findings.length === 0) countsOnly.push(budget);
    }
    expect(countsOnly).toEqual([]);
  });
});
