import { command, structure } from '../../../lambda/sources/shell-command';
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
    // zsh: `=ls` is the path of ls, and with magic_equal_subst so is `a==ls` or `a=b:=ls`.
    ['=ls', "'=ls'"],
    ['a==ls', "'a==ls'"],
    ['a=b:=ls', "'a=b:=ls'"],
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

  it('joins a value that starts with - or = to its option, so the CLI cannot read it as one', () => {
    expect(command('aws', 'iam', 'delete-server-certificate', '--server-certificate-name', '-rf')).toBe(
      'aws iam delete-server-certificate --server-certificate-name=-rf',
    );
    expect(command('--server-certificate-name', '--help', '--output', 'text')).toBe(
      '--server-certificate-name=--help --output text',
    );
    expect(command('--server-certificate-name', '=ls')).toBe("--server-certificate-name='=ls'");
  });

  it('leaves a last option for the caller to complete', () => {
    expect(command('aws', 'cloudfront', 'get-distribution-config', '--id')).toBe(
      'aws cloudfront get-distribution-config --id',
    );
  });
});

describe('structure', () => {
  it('is shorthand when every value reads back whole', () => {
    expect(structure({ Key: 'cert-expiry-monitor:renews', Value: 'shop-2026' })).toBe(
      'Key=cert-expiry-monitor:renews,Value=shop-2026',
    );
    expect(structure({ CertificateArn: 'arn:aws:iam::1:server-certificate/x=y' })).toBe(
      'CertificateArn=arn:aws:iam::1:server-certificate/x=y',
    );
  });

  it.each(['a,b', '=x', "it's", 'two words'])('is JSON for %p, which shorthand would split or refuse', (value) => {
    expect(JSON.parse(structure({ Key: 'k', Value: value }))).toEqual([{ Key: 'k', Value: value }]);
  });
});
