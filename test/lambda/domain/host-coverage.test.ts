import { coversAll, nameCovers, normalizeHostname } from '../../../lambda/domain/host-coverage';

describe('nameCovers (RFC 6125 section 6.4.3)', () => {
  it.each([
    ['a.example.com', 'a.example.com', true],
    ['A.Example.COM.', 'a.example.com', true],
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'WWW.EXAMPLE.COM', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'aexample.com', false],
    ['*.com', 'example.com', false],
    ['w*.example.com', 'www.example.com', false],
    ['a.*.example.com', 'a.b.example.com', false],
    ['*.*.example.com', 'a.b.example.com', false],
    ['b.example.com', 'a.example.com', false],
    ['*.example.com', '*.example.com', false],
  ])('%s covers %s: %s', (presented, host, expected) => {
    expect(nameCovers(presented, host)).toBe(expected);
  });
});

describe('coversAll', () => {
  it('needs every name of the expiring certificate covered', () => {
    expect(
      coversAll(
        ['shop.example.com', 'www.shop.example.com', 'new.example.com'],
        ['shop.example.com', 'www.shop.example.com'],
      ),
    ).toBe(true);
    expect(coversAll(['shop.example.com'], ['shop.example.com', 'www.shop.example.com'])).toBe(false);
  });

  it('lets a wildcard cover concrete names one label deep, but not the bare domain', () => {
    expect(coversAll(['*.example.com'], ['a.example.com', 'b.example.com'])).toBe(true);
    expect(coversAll(['*.example.com'], ['example.com', 'a.example.com'])).toBe(false);
    expect(coversAll(['*.example.com', 'example.com'], ['example.com', 'a.example.com'])).toBe(true);
  });

  it('covers a wildcard only with the same wildcard (a concrete name covers one host of many)', () => {
    expect(coversAll(['*.example.com'], ['*.example.com'])).toBe(true);
    expect(coversAll(['*.EXAMPLE.com.'], ['*.example.com'])).toBe(true);
    expect(coversAll(['a.example.com', 'b.example.com'], ['*.example.com'])).toBe(false);
    expect(coversAll(['*.shop.example.com'], ['*.example.com'])).toBe(false);
  });

  it('never calls an empty set of names covered', () => {
    expect(coversAll(['a.example.com'], [])).toBe(false);
  });
});

test('normalizeHostname lowers case and drops the root dot', () => {
  expect(normalizeHostname(' WWW.Example.COM. ')).toBe('www.example.com');
});
