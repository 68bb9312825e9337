import { command } from '../../../lambda/sources/shell-command';
import { shellWord } from '../../../lambda/text/sanitise';

describe('shellWord', () => {
  it('leaves safe words bare', () => {
    expect(shellWord('arn:aws:iam::123456789012:server-certificate/a.b_c-d@e+f=g')).toBe(
      'arn:aws:iam::123456789012:server-certificate/a.b_c-d@e+f=g',
    );
  });
  it.each([
    ['with space', "'with space'"],
    ["it's", "'it'\\''s'"],
    ['a,b', "'a,b'"],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
    ['', "''"],
  ])('quotes %p', (value, quoted) => {
    expect(shellWord(value)).toBe(quoted);
  });
});

describe('command', () => {
  it('quotes each word that needs it', () => {
    expect(command('aws', 'elb', '--load-balancer-name', "it's mine")).toBe(
      "aws elb --load-balancer-name 'it'\\''s mine'",
    );
  });
});
