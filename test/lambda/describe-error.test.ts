import { ListingStoppedError } from '../../lambda/aws/bounded-pages';
import { describeError } from '../../lambda/describe-error';

const error = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('describeError', () => {
  it('gives the error name and message on one line', () => {
    expect(describeError(error('Throttling', 'Rate\n exceeded'))).toBe('Throttling: Rate exceeded');
  });

  it('adds a hint for a region that is not enabled and for access denied', () => {
    expect(
      describeError(error('UnrecognizedClientException', 'The security token included in the request is invalid')),
    ).toContain('is the region enabled for this account?');
    expect(describeError(error('AccessDenied', 'not authorized'))).toContain('check the function role');
  });

  it('says the deadline passed when the run was cut short', () => {
    const deadline = new AbortController();
    deadline.abort();
    expect(describeError(error('AbortError', 'aborted'), deadline.signal)).toMatch(/^timed out/);
  });

  it('bounds the length and handles non-errors', () => {
    expect(describeError(error('X', 'y'.repeat(1000))).length).toBe(300);
    expect(describeError('plain string')).toBe('Error: plain string');
  });
});

describe('describeError for a listing cut short', () => {
  it('gives the listing stop as it is, without an error-name prefix', () => {
    const error = new ListingStoppedError('DescribeLoadBalancers listing stopped: the service repeated a marker');
    expect(describeError(error)).toBe('DescribeLoadBalancers listing stopped: the service repeated a marker');
  });
});
