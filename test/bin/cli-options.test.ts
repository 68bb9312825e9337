import { COMMON_OPTIONS, parseCommandLine, unknownCommand, UsageError } from '../../bin/cli-options';
import { colourWanted } from '../../bin/colour';
import { callLine, homeRegion, namedProfile } from '../../bin/aws-caller';

const OPTIONS = { days: { type: 'string' }, json: { type: 'boolean' }, ...COMMON_OPTIONS } as const;
const refusal = (argv: string[]) => {
  try {
    parseCommandLine(argv, OPTIONS);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
};

describe('parseCommandLine', () => {
  test('values of long and short options', () => {
    expect(parseCommandLine(['--days', '3', '-q', '--no-color', '--profile', 'dev'], OPTIONS)).toMatchObject({
      days: '3',
      quiet: true,
      'no-color': true,
      profile: 'dev',
    });
  });

  test.each([
    [['--dyas', '3'], 'unknown option --dyas (did you mean --days?)'],
    [['--dyas=3'], 'unknown option --dyas (did you mean --days?)'],
    [['--verbsoe'], 'unknown option --verbsoe (did you mean --verbose?)'],
    [['--frobnicate'], 'unknown option --frobnicate'],
    [['-x'], 'unknown option -x'],
    [['days'], 'unexpected argument "days" (did you mean --days?)'],
    [['--days'], '--days needs a value'],
    [['--json=yes'], '--json takes no value (--json alone switches it on)'],
  ])('%j: %s', (argv, message) => {
    expect(refusal(argv)).toBe(message);
  });

  test('a command typo gets the nearest command; a word far from all of them, none', () => {
    expect(unknownCommand('chek', ['check', 'demo'])).toBe('unknown command "chek" (did you mean check?)');
    expect(unknownCommand('frobnicate', ['check', 'demo'])).toBe('unknown command "frobnicate"');
  });
});

describe('colourWanted', () => {
  test.each([
    [true, {}, false, true],
    [false, {}, false, false],
    [true, { NO_COLOR: '1' }, false, false],
    [true, { NO_COLOR: '0' }, false, false],
    [true, { NO_COLOR: '' }, false, true],
    [true, {}, true, false],
    [true, { TERM: 'dumb' }, false, false],
  ])('terminal %j, env %j, --no-color %j -> %j', (isTTY, env, flag, wanted) => {
    expect(colourWanted(isTTY, env, flag)).toBe(wanted);
  });
});

describe('caller', () => {
  test('the profile: --profile over AWS_PROFILE; none when neither', () => {
    expect(namedProfile('dev', { AWS_PROFILE: 'prod' })).toEqual({ name: 'dev', from: '--profile' });
    expect(namedProfile(undefined, { AWS_PROFILE: 'prod' })).toEqual({ name: 'prod', from: 'AWS_PROFILE' });
    expect(namedProfile(undefined, { AWS_PROFILE: '' })).toBeUndefined();
  });

  test('the home region: --region, then AWS_REGION, then AWS_DEFAULT_REGION', async () => {
    const env = { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-central-1' };
    expect(await homeRegion('ap-south-1', undefined, env)).toBe('ap-south-1');
    expect(await homeRegion(undefined, undefined, env)).toBe('eu-west-1');
    expect(await homeRegion(undefined, undefined, { AWS_DEFAULT_REGION: 'eu-central-1' })).toBe('eu-central-1');
  });

  test('a --verbose line per call: attempts beyond one and the error only when there are some', () => {
    const call = { service: 'IAM', action: 'ListServerCertificates', region: 'us-east-1', durationMs: 41, attempts: 1 };
    expect(callLine(call)).toBe('aws: IAM ListServerCertificates us-east-1 41 ms');
    expect(callLine({ ...call, attempts: 3, error: 'Throttling' })).toBe(
      'aws: IAM ListServerCertificates us-east-1 41 ms, 3 attempts, Throttling',
    );
  });
});
