import { explainError } from '../../bin/explain-error';
import { UnknownParentError } from '../../lambda/aws/organizations';

const connection = (code: string, extra: object = {}) =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:5799`), { code, address: '127.0.0.1', port: 5799, ...extra });

describe('explainError', () => {
  test('a refused connection names every endpoint variable that is set', async () => {
    const env = { AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:5799', AWS_ENDPOINT_URL: 'http://127.0.0.1:5800' };
    expect(await explainError(connection('ECONNREFUSED'), { env })).toBe(
      'cannot connect to 127.0.0.1:5799: nothing is listening there (ECONNREFUSED). ' +
        'AWS_ENDPOINT_URL=http://127.0.0.1:5800, AWS_ENDPOINT_URL_IAM=http://127.0.0.1:5799 sends AWS calls there: ' +
        'start that server (`npm run local-aws` prints its address), or unset AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM to call AWS.',
    );
  });

  test('an unreachable AWS endpoint with no override: the network', async () => {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND iam.amazonaws.com'), {
      code: 'ENOTFOUND',
      hostname: 'iam.amazonaws.com',
    });
    expect(await explainError(error, { env: {} })).toBe(
      'cannot connect to iam.amazonaws.com: the endpoint cannot be reached (ENOTFOUND). check your network, proxy (HTTPS_PROXY) and VPN.',
    );
  });

  test('an unknown OU id, by name', async () => {
    expect(await explainError(new UnknownParentError('ou-ab12-99999999'), { env: {} })).toMatch(
      /^--ou: ou-ab12-99999999 is not a root or OU of this organization \(ParentNotFoundException\); /,
    );
  });

  test("a credentials error that names its provider (an expired SSO session) keeps the SDK's words", async () => {
    const error = Object.assign(new Error('The SSO session associated with this profile has expired.'), {
      name: 'CredentialsProviderError',
    });
    expect(await explainError(error, { env: {} })).toBe(
      'AWS credentials: The SSO session associated with this profile has expired.',
    );
  });

  test('anything else: its name and message on one line', async () => {
    const other = Object.assign(new Error('Rate\nexceeded'), { name: 'Throttling' });
    expect(await explainError(other, { env: {} })).toBe('Throttling: Rate exceeded');
  });
});
