import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import {
  csvCell,
  emailText,
  isUnsafeCharacter,
  jsonRaw,
  MAX_DIMENSION_VALUE_LENGTH,
  metricDimensionText,
  REPLACEMENT_CHARACTER,
  shellWord,
  slackCut,
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
  'acme\u200B-prod',
  'soft\u00ADhyphen alm\u061C wj\u2060 bom\uFEFF lrm\u200E',
  'tag\u{E0041}\u{E007F}',
  '<!channel> <https://evil.example|Sign in> @here @everyone `code`',
];

describe('emailText', () => {
  it.each(HOSTILE)('keeps %j on one left-to-right line', (value) => {
    const out = emailText(value);
    expect([...out].filter(isUnsafeCharacter)).toEqual([]);
    expect(out).not.toMatch(/[\r\n\u2028\u2029\u0085\u202A-\u202E\u2066-\u2069]/);
  });

  it('names each invisible character where it stands', () => {
    const invisible = [0xad, 0x61c, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0x2064, 0xfeff, 0xe0000];
    for (const code of [...invisible, 0xe0041, 0xe007f]) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      expect(emailText(`acme${String.fromCodePoint(code)}-prod`)).toBe(`acme<U+${hex}>-prod`);
      expect(isUnsafeCharacter(String.fromCodePoint(code))).toBe(true);
    }
    expect(emailText('acme\u200B-prod')).not.toBe(emailText('acme-prod'));
    // Characters a reader sees stay as they are.
    expect(emailText('café ✓ 证书 😀 \u00A0')).toBe('café ✓ 证书 😀 \u00A0');
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
    expect(out).toBe('`&lt;!channel&gt; &lt;https[:]//evil.example|Sign in&gt; &lt;@U123&gt;`');
  });

  it('breaks bare @here, @channel and @everyone visibly', () => {
    const out = slackText('hi @here @Channel @everyone');
    expect(out).not.toMatch(/@(here|channel|everyone)/i);
    expect(out).toBe('`hi [@]here [@]Channel [@]everyone`');
  });

  it.each([
    ['*bold*', '`*bold*`'],
    ['_it_', '`_it_`'],
    ['~s~', '`~s~`'],
    ['https://evil.example/login', '`https[:]//evil.example/login`'],
    ['evil.example', '`evil.example`'],
    ['web-team@acme.example', '`web-team@acme.example`'],
    [':rotating_light: fire', '`:rotating_light: fire`'],
    ['#general', '`#general`'],
  ])('puts %j, which Slack would format or link, in a code span', (value, shown) => {
    expect(slackText(value)).toBe(shown);
  });

  it('leaves plain values plain, and spans every certificate name', () => {
    expect(slackText('acme-prod')).toBe('acme-prod');
    expect(slackText('ALB shop-alb (us-east-1, HTTPS:443)')).toBe('ALB shop-alb (us-east-1, HTTPS:443)');
    expect(slackText('web', 'code')).toBe('`web`');
    expect(slackText('', 'code')).toBe('');
  });

  it('keeps additional context values whole for custom actions: escaped, never in a span', () => {
    expect(slackText('daily-2026-03-14T06-00-00Z_a1b2', 'context')).toBe('daily-2026-03-14T06-00-00Z_a1b2');
    expect(slackText('<!here> https://evil.example', 'context')).toBe('&lt;!here&gt; https[:]//evil.example');
  });

  it('cannot close a code span or break a line', () => {
    expect(slackText('a`b\nc')).toBe(`a'b${REPLACEMENT_CHARACTER}c`);
    expect(slackText('*a`b*')).toBe("`*a'b*`");
  });

  it('escapes the ampersand first, so existing entities stay text', () => {
    expect(slackText('&lt;')).toBe('&amp;lt;');
  });

  it('names invisible characters, so acme<U+200B>-prod is not acme-prod', () => {
    expect(slackText('acme\u200B-prod')).toBe('acme&lt;U+200B&gt;-prod');
  });
});

describe('slackCut', () => {
  it('cuts like every other cut when no code span is open', () => {
    expect(slackCut('abcdefghij', 5)).toBe('abcd…');
    expect(slackCut('abc', 5)).toBe('abc');
  });

  it('closes a code span it cuts, so the rest of the value cannot format', () => {
    const out = slackCut('see `*a* _b_ ~c~ long value`', 12);
    expect(out).toBe('see `*a* _…`');
    expect(out.length).toBe(12);
    expect(out.match(/`/g)).toHaveLength(2);
  });

  it('never leaves one backtick, whichever character the cut lands on', () => {
    const text = 'x `a` y `b*c*` z';
    for (let max = 1; max < text.length; max += 1) {
      const out = slackCut(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect((out.match(/`/g) ?? []).length % 2).toBe(0);
    }
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

  it('names an invisible character, so acme\u200B-prod cannot pose as acme-prod', () => {
    expect(subjectText('acme\u200B-prod')).toBe('acme<U+200B>-prod');
    expect(subjectText('acme\u{E0041}\u00AD-prod')).toBe('acme<U+E0041><U+00AD>-prod');
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

describe('csvCell', () => {
  /** The value a CSV reader gets back from one cell. */
  const readBack = (cell: string): string => (parse(`${cell}\r\n`, { relax_quotes: false }) as string[][])[0]![0]!;

  it('starts no formula: a cell a spreadsheet would evaluate gets a leading quote', () => {
    for (const value of ['=HYPERLINK("https://evil.example","x")', '+cmd|/C calc!A0', '-2+3', '@SUM(A1)'])
      expect(readBack(csvCell(value))).toBe(`'${value}`);
    // Tab and carriage return (OWASP's other two) no longer start the cell: they are shown as U+FFFD.
    expect(readBack(csvCell('\t=1+1'))).toBe(`${REPLACEMENT_CHARACTER}=1+1`);
    expect(readBack(csvCell('\r=1+1'))).toBe(`${REPLACEMENT_CHARACTER}=1+1`);
  });

  it('quotes commas and quotes as RFC 4180 does, and keeps every value on one line', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('plain')).toBe('plain');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const cell = csvCell(value);
        expect(cell).not.toMatch(/[\r\n\u2028\u2029]/);
        expect(readBack(cell)).toBe(emailText(/^[=+\-@]/.test(emailText(value)) ? `'${value}` : value));
      }),
    );
  });

  it('leaves our own numbers and booleans bare, a negative number included', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(443)).toBe('443');
    expect(csvCell(false)).toBe('false');
  });
});

describe('metricDimensionText', () => {
  it('keeps an IAM certificate name as it is', () => {
    expect(metricDimensionText('shop_2026+eu=1,a.b@c-d')).toBe('shop_2026+eu=1,a.b@c-d');
  });

  it('gives printable ASCII with a visible character, at most 1,024 characters, for any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom(...HOSTILE), fc.string({ maxLength: 3000 })),
        (value) => {
          const text = metricDimensionText(value);
          expect(text).toMatch(/^[\x20-\x7E]*[\x21-\x7E][\x20-\x7E]*$/);
          expect(text.length).toBeLessThanOrEqual(MAX_DIMENSION_VALUE_LENGTH);
        },
      ),
    );
  });

  it('names invisible characters, so that two names that look alike stay two series', () => {
    expect(metricDimensionText('acme\u200B-prod')).not.toBe(metricDimensionText('acme-prod'));
    expect(metricDimensionText(' \n\u2028')).toBe('?');
  });
});
