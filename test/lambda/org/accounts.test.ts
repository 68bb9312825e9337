import { callerOf, HUB_ACCOUNT_NAME, selectAccounts, skippedAccounts } from '../../../lambda/org/accounts';

const listed = [
  { id: '333333333333', name: 'c', state: 'ACTIVE' },
  { id: '111111111111', name: 'management', state: 'ACTIVE' },
  { id: '222222222222', name: 'b', state: 'SUSPENDED' },
  { id: '444444444444', name: 'd', state: 'PENDING_CLOSURE' },
  { id: '555555555555', name: 'e', state: 'ACTIVE' },
];

describe('skippedAccounts', () => {
  it('names every listed account selectAccounts leaves out, with why, sorted by id', () => {
    expect(skippedAccounts(listed, { excludeAccounts: new Set(['555555555555', '222222222222']) })).toEqual([
      { accountId: '222222222222', accountName: 'b', reason: 'excluded', detail: 'excluded by configuration' },
      { accountId: '444444444444', accountName: 'd', reason: 'suspended', detail: 'state PENDING_CLOSURE' },
      { accountId: '555555555555', accountName: 'e', reason: 'excluded', detail: 'excluded by configuration' },
    ]);
  });
});

describe('selectAccounts', () => {
  it('keeps ACTIVE accounts, drops excluded ones, marks the hub, sorts by id', () => {
    expect(
      selectAccounts(listed, { excludeAccounts: new Set(['555555555555']), hubAccountId: '111111111111' }),
    ).toEqual([
      { accountId: '111111111111', accountName: 'management', hub: true },
      { accountId: '333333333333', accountName: 'c', hub: false },
    ]);
  });

  it('adds the hub when it is outside the listed OUs, and leaves it out when excluded by id', () => {
    const items = selectAccounts(listed.slice(0, 1), { excludeAccounts: new Set(), hubAccountId: '999999999999' });
    expect(items).toContainEqual({ accountId: '999999999999', accountName: HUB_ACCOUNT_NAME, hub: true });
    expect(
      selectAccounts(listed, { excludeAccounts: new Set(['111111111111']), hubAccountId: '111111111111' }).map(
        (a) => a.accountId,
      ),
    ).toEqual(['333333333333', '555555555555']);
  });
});

describe('callerOf', () => {
  it('reads partition and account from a function ARN', () => {
    expect(callerOf('arn:aws-cn:lambda:cn-north-1:123456789012:function:scan')).toEqual({
      partition: 'aws-cn',
      accountId: '123456789012',
    });
  });
});
