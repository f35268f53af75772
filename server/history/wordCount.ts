/** Words in a run of text in any language (Chinese has no spaces: the segmenter finds its words). */
const segmenter = new Intl.Segmenter("und", { granularity: "word" });
/** Scripts written without spaces between words: only these need the (slow) segmenter. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const SPACED_WORD = /[\p{L}\p{N}\p{M}]+(?:['’.-][\p{L}\p{N}\p{M}]+)*/gu;

export function countWords(text: string): number {
  if (!UNSPACED.test(text)) return text.match(SPACED_WORD)?.length ?? 0;
  let words = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) words++;
  return words;
}
