/** Terminal columns: wide East Asian characters and emoji count two, combining marks none. */
import { displayWidth, fitColumns } from '../../../lambda/text/display-width';

describe('displayWidth', () => {
  test.each([
    ['ascii', 'shop-2026', 9],
    ['Han', '証明書', 6],
    ['Hiragana and Katakana', 'ひらカタ', 8],
    ['Hangul syllables', '인증서', 6],
    ['fullwidth forms', 'ＡＢＣ', 6],
    ['ideographic space and punctuation', '\u3000、。', 6],
    ['an emoji', 'ok🔒', 4],
    ['a text symbol made an emoji by VS16', '\u2764\uFE0F', 2],
    ['a family emoji (ZWJ sequence) is one picture', '👨‍👩‍👧', 2],
    ['combining accents add nothing', 'cafe\u0301', 4],
    ['a lone combining mark', '\u0301', 0],
    ['Latin with diacritics', 'Zürich', 6],
    ['the sanitiser’s replacement character', '\uFFFD', 1],
    ['empty', '', 0],
  ])('%s', (_, value, width) => {
    expect(displayWidth(value)).toBe(width);
  });
});

describe('fitColumns', () => {
  test('a string that fits is unchanged', () => {
    expect(fitColumns('証明書', 6)).toBe('証明書');
  });

  test('cuts at whole wide characters and ends with an ellipsis, never passing the columns', () => {
    const cut = fitColumns('証明書証明書', 6);
    expect(cut).toBe('証明…');
    expect(displayWidth(cut)).toBe(5);
    expect(fitColumns('証明書証明書', 7)).toBe('証明書…');
  });

  test('never splits a grapheme cluster', () => {
    expect(fitColumns('e\u0301e\u0301e\u0301e\u0301', 3)).toBe('e\u0301e\u0301…');
    expect(fitColumns('👨‍👩‍👧👨‍👩‍👧x', 4)).toBe('👨‍👩‍👧…');
  });
});
