import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import {
  emailText,
  isUnsafeCharacter,
  jsonRaw,
  REPLACEMENT_CHARACTER,
  shellWord,
  slackText,
  subjectText,
} from '../../../lambda/text/sanitise';

const HOSTILE = [
  'line\nbreak',
  'cr\rreturn',
  'sep\u2028arator',
  'para\u2029graph',
  'bidi\u202Eevil\u202C',
  'iso\u2066late\u2069',
  'bell\u0007',
  'c1\u0085next-line',
  "quote'd",
  '<!channel> <https://evil.example|Sign in> @here @everyone `code`',
];

describe('emailText', () => {
  it.each(HOSTILE)('keeps %j on one left-to-right line', (value) => {
    const out = emailText(value);
    expect([...out].filter(isUnsafeCharacter)).toEqual([]);
    expect(out).not.toMatch(/[\r\n\u2028\u2029\u0085\u202A-\u202E\u2066-\u2069]/);
  });

  it('replaces each unsafe character visibly and keeps the rest', () => {
    expect(emailText('a\nb\u2028c')).toBe(`a${REPLACEMENT_CHARACTER}b${REPLACEMENT_CHARACTER}c`);
    expect(emailText('www.example.com')).toBe('www.example.com');
  });
});

describe('slackText', () => {
  it('shows mentions and links instead of acting on them', () => {
    const out = slackText('<!channel> <https://evil.example|Sign in> <@U123>');
    expect(out).not.toMatch(/[<>]/);
    expect(out).toBe('&lt;!channel&gt; &lt;https://evil.example|Sign in&gt; &lt;@U123&gt;');
  });

  it('breaks bare @here, @channel and @everyone', () => {
    const out = slackText('hi @here @Channel @everyone');
    expect(out).not.toMatch(/@(here|channel|everyone)/i);
    expect(out.replace(/\u200B/g, '')).toBe('hi @here @Channel @everyone');
  });

  it('cannot close a code span or break a line', () => {
    expect(slackText('a`b\nc')).toBe(`a'b${REPLACEMENT_CHARACTER}c`);
  });

  it('escapes the ampersand first, so existing entities stay text', () => {
    expect(slackText('&lt;')).toBe('&amp;lt;');
  });
});

describe('subjectText', () => {
  it('is printable ASCII on one line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(subjectText(value)).toMatch(/^[\x20-\x7E]*$/);
      }),
    );
  });

  it('transliterates accents', () => {
    expect(subjectText('Café\nprod')).toBe('Cafe prod');
  });
});

describe('shellWord', () => {
  it('leaves safe words bare and single-quotes the rest', () => {
    expect(shellWord('www-acme-2026')).toBe('www-acme-2026');
    expect(shellWord("it's here")).toBe("'it'\\''s here'");
  });

  it('is always one line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(shellWord(value)).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
      }),
    );
  });

  it('names the exact value when bash reads it back', () => {
    for (const value of [...HOSTILE, '', ' leading', 'back\\slash\nnew', 'dollar $HOME `id`', 'é\u0000']) {
      const printed = execFileSync('bash', ['-c', `printf '%s' ${shellWord(value)}`], {
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: 'C.UTF-8' },
      });
      // bash cannot hold NUL in a string; everything up to it is exact.
      expect(printed).toBe(value.split('\u0000')[0]);
    }
  });
});

describe('jsonRaw', () => {
  it('keeps the raw value for machines', () => {
    for (const value of HOSTILE) expect(JSON.parse(JSON.stringify({ v: jsonRaw(value) })).v).toBe(value);
  });
});
