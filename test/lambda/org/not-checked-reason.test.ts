import { assumeRoleFailure, scanFailure } from '../../../lambda/org/not-checked-reason';

const named = (name: string, message = 'x') => Object.assign(new Error(message), { name });

describe('not-checked reasons', () => {
  it('AssumeRole AccessDenied cannot tell a missing role from an untrusted one', () => {
    expect(
      assumeRoleFailure(
        named('AccessDenied', 'User: arn:aws:sts::1:assumed-role/x is not authorized to perform: sts:AssumeRole'),
      ),
    ).toBe('role not found or not assumable');
  });

  it('a denied read after the role was assumed is "access denied"; timeouts are "timed out"; anything else is named', () => {
    expect(scanFailure(named('AccessDenied'))).toBe('access denied');
    expect(scanFailure(named('AccessDeniedException'))).toBe('access denied');
    expect(scanFailure(named('TimeoutError'))).toBe('timed out');
    expect(assumeRoleFailure(named('RequestTimeout'))).toBe('timed out');
    const aborted = AbortSignal.abort();
    expect(scanFailure(named('Whatever'), aborted)).toBe('timed out');
    expect(assumeRoleFailure(named('RegionDisabledException', 'STS is not activated in this region'))).toBe(
      'RegionDisabledException: STS is not activated in this region',
    );
  });
});
