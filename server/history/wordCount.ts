/** Words in a run of text in any language (Chinese has no spaces: the segmenter finds its words). */
const segmenter = new Intl.Segmenter("und", { granularity: "word" });

export function countWords(text: string): number {
  let words = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) words++;
  return words;
}
