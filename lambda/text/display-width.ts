/**
 * Terminal columns a string takes (pure): per grapheme cluster (Intl.Segmenter), two for East Asian wide and
 * fullwidth characters and emoji shown as pictures, none for a cluster of combining or format characters only,
 * one otherwise. The Unicode properties JavaScript regular expressions know cover the wide blocks that names
 * use (Han, Kana, Hangul, fullwidth forms, CJK punctuation, emoji); rarer wide symbols count one.
 */
const WIDE =
  /^(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\u309B-\u30FF\u3130-\u318F\uFF01-\uFF60\uFFE0-\uFFE6])/u;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]+$/u;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function clusterWidth(cluster: string): number {
  if (ZERO_WIDTH.test(cluster)) return 0;
  return WIDE.test(cluster) ? 2 : 1;
}

/** Columns `value` takes in a terminal. */
export function displayWidth(value: string): number {
  let width = 0;
  for (const { segment } of graphemes.segment(value)) width += clusterWidth(segment);
  return width;
}

/** `value` cut to at most `columns` terminal columns (whole grapheme clusters), ending with "…" when cut. */
export function fitColumns(value: string, columns: number): string {
  // One pass: the prefix that leaves room for the ellipsis, returned as soon as the whole is known not to fit.
  let kept = '';
  let width = 0;
  for (const { segment } of graphemes.segment(value)) {
    width += clusterWidth(segment);
    if (width > columns) return `${kept}…`;
    if (width <= columns - 1) kept += segment;
  }
  return value;
}
