import type { Page } from "playwright-core";

/**
 * The pseudo-locale check: with `mutual.pseudo` on, every string that went through i18next is wrapped in
 * ⟦…⟧ (client/i18n/pseudo.ts). Anything a person can see or a screen reader can announce that is not inside
 * markers did not come from a translation: a hard-coded string.
 */

export const PSEUDO_FLAG = { key: "mutual.pseudo", value: "1" } as const;

export interface Unmarked {
  /** "text" (a visible text node), an attribute name, or "document.title". */
  kind: string;
  /** The unmarked part (markers and their content removed), trimmed. */
  value: string;
  /** The full string it came from. */
  full: string;
  /** A short path to the element, for finding it in the code. */
  where: string;
}

export interface CollectOptions {
  /**
   * Strings that are legitimately unmarked because the test itself created them (names, titles): removed
   * wherever they occur before judging what is left.
   */
  data: readonly string[];
  /** Prefixes of legitimately unmarked strings (e.g. links the server made from ids). */
  prefixes?: readonly string[];
  /** Subtrees whose text nodes are not judged (users' own content); their attributes still are. */
  excludeText?: readonly string[];
  /** Subtrees ignored entirely (collaborators' caret labels: names from awareness). */
  excludeAll?: readonly string[];
}

export const DEFAULT_EXCLUDE_TEXT = [".ProseMirror"] as const;
export const DEFAULT_EXCLUDE_ALL = [".collaboration-carets__label"] as const;

/** Attributes that are shown or announced: each must be marked (or be data). */
export const CHECKED_ATTRIBUTES = [
  "placeholder",
  "title",
  "aria-label",
  "alt",
  "aria-description",
  "aria-roledescription",
  "aria-placeholder",
  "aria-valuetext",
  // Tiptap's Placeholder shows this through CSS `content: attr(data-placeholder)`.
  "data-placeholder",
  // <option label> / <optgroup label>.
  "label",
] as const;

/**
 * Every unmarked visible string on the page. A page that switches language while it is read (a
 * participant's remembered language arrives with the exchange, while the vocabulary of the first is
 * being built) shows one language's Intl output against the other's vocabulary: such findings go away
 * once the page has settled, a hard-coded string stays: what is still there at the third reading counts.
 */
export async function collectUnmarked(page: Page, options: CollectOptions): Promise<Unmarked[]> {
  let found: Unmarked[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await settle(page);
    const language = await page.evaluate(() => document.documentElement.lang || "en");
    found = await page.evaluate(collectInPage, {
      intl: await intlVocabulary(page, language),
      data: [...options.data],
      prefixes: [...(options.prefixes ?? [])],
      excludeText: [...(options.excludeText ?? DEFAULT_EXCLUDE_TEXT)],
      excludeAll: [...(options.excludeAll ?? DEFAULT_EXCLUDE_ALL)],
      attributes: [...CHECKED_ATTRIBUTES],
    });
    if (found.length === 0) break;
  }
  return found;
}

export interface IntlVocabulary {
  exact: string[];
  date: string[];
  list: string[];
}

// Built once per language (about a second of work in the page), then handed to every collection.
const vocabularies = new Map<string, Promise<IntlVocabulary>>();

function intlVocabulary(page: Page, language: string): Promise<IntlVocabulary> {
  let vocabulary = vocabularies.get(language);
  if (!vocabulary) {
    vocabulary = page.evaluate(intlVocabularyInPage, language);
    vocabularies.set(language, vocabulary);
    vocabulary.catch(() => vocabularies.delete(language));
  }
  return vocabulary;
}

interface InPageOptions {
  intl: IntlVocabulary;
  data: string[];
  prefixes: string[];
  excludeText: string[];
  excludeAll: string[];
  attributes: string[];
}

/** Runs inside the page (serialized by Playwright): self-contained, no imports or outer variables. */
function collectInPage(options: InPageOptions): Unmarked[] {
  const OPEN = "⟦";
  const CLOSE = "⟧";
  const found: Unmarked[] = [];
  const hasLetter = (text: string) => /\p{L}/u.test(text);
  // Longest first, so "Ana Souza" goes before "Ana".
  const data = [...options.data].filter(Boolean).sort((a, b) => b.length - a.length);

  // Intl output in the page's language (built once per language, see intlVocabulary).
  const intlExact = new Set(options.intl.exact);
  const exactIntl = () => intlExact;
  const dateWords = () => options.intl.date;
  const listWords = () => options.intl.list;
  const removeAll = (text: string, parts: readonly string[]) =>
    parts.reduce((rest, part) => rest.split(part).join(" "), text);
  // Intl names that hold a separator ("Cocos (Keeling) Islands Time") are taken out whole, like data,
  // before a string is split at separators (a zone picker writes "<name> (<offset>) · <id>").
  const separated = /[()[\]·•|—–,;]/u;
  const intlWithSeparators = [...intlExact]
    .filter((name) => separated.test(name))
    .sort((a, b) => b.length - a.length);

  /**
   * True when an unmarked string is data the test made, or Intl output; false for a hard-coded string.
   * Data is taken out first (titles may hold separators), then what is left is judged piece by piece
   * between separators: "Ana Souza · 3 minutes ago (GMT+1)" is fine, "Ana Souza · Edit" is not.
   */
  const legitimate = (segment: string): boolean => {
    const text = segment.trim();
    if (!hasLetter(text)) return true; // digits, punctuation, symbols: numbers and separators
    if (options.prefixes.some((prefix) => text.startsWith(prefix))) return true;
    const withoutData = removeAll(text, data);
    const hadData = withoutData !== text;
    if (exactIntl().has(withoutData.trim())) return true; // whole, before splitting: "Myanmar (Burma)"
    const withoutIntl = separated.test(withoutData)
      ? removeAll(withoutData, intlWithSeparators)
      : withoutData;
    return withoutIntl.split(/[()[\]·•|—–,;]+/u).every((raw) => {
      const piece = raw.trim();
      if (!hasLetter(piece)) return true;
      if (exactIntl().has(piece)) return true;
      // Data joined by Intl.ListFormat ("Ana, Bruno and Li").
      if (hadData && !hasLetter(removeAll(piece, listWords()))) return true;
      // A date or time written by Intl.DateTimeFormat: has digits, and only date words besides.
      return /\p{N}/u.test(piece) && !hasLetter(removeAll(piece, dateWords()));
    });
  };

  const describe = (element: Element | null): string => {
    const path: string[] = [];
    for (let node = element; node && node !== document.body && path.length < 4; node = node.parentElement) {
      let label = node.tagName.toLowerCase();
      if (node.id) label += `#${node.id}`;
      const classes = [...node.classList].slice(0, 2);
      if (classes.length) label += `.${classes.join(".")}`;
      const role = node.getAttribute("role");
      if (role) label += `[role=${role}]`;
      path.unshift(label);
    }
    return path.join(" > ");
  };

  const allExcluded = options.excludeAll.join(",");
  const textExcluded = [...options.excludeAll, ...options.excludeText].join(",");
  const isRendered = (element: Element): boolean => {
    const select = element.closest("select");
    if (select && select !== element) return isRendered(select);
    return element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  };

  /** Splits a string into its unmarked stretches; `depth` carries across text nodes (markers may span elements). */
  const unmarkedParts = (text: string, state: { depth: number }): string[] => {
    const parts: string[] = [];
    let current = "";
    for (const char of text) {
      if (char === OPEN) {
        if (state.depth === 0 && current) parts.push(current);
        current = "";
        state.depth++;
      } else if (char === CLOSE) {
        state.depth = Math.max(0, state.depth - 1);
      } else if (state.depth === 0) {
        current += char;
      }
    }
    if (current) parts.push(current);
    return parts;
  };

  /** Reports the unmarked parts of one string; `shared` carries the depth across text nodes. */
  const report = (kind: string, full: string, element: Element | null, shared?: { depth: number }) => {
    const state = shared ?? { depth: 0 };
    for (const part of unmarkedParts(full, state)) {
      if (!part.trim() || legitimate(part)) continue;
      found.push({ kind, value: part.trim(), full: full.trim(), where: describe(element) });
    }
    if (!shared && state.depth > 0)
      found.push({
        kind: `${kind} (unclosed marker)`,
        value: full.trim(),
        full: full.trim(),
        where: describe(element),
      });
  };

  // Text nodes, in document order, with the marker depth carried from node to node.
  const state = { depth: 0 };
  let openedIn: Element | null = null;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("script,style,noscript,template")) continue;
    if (textExcluded && parent.closest(textExcluded)) continue;
    const text = node.textContent ?? "";
    const wasOpen = state.depth > 0;
    const visible = isRendered(parent) && (parent.closest("select,svg") !== null || hasBox(node));
    if (visible) report(parent.closest("svg title") ? "svg title" : "text", text, parent, state);
    else unmarkedParts(text, state); // still moves the depth
    if (!wasOpen && state.depth > 0) openedIn = parent;
  }
  // A translation cut short (e.g. sliced) leaves a marker open and would hide everything after it.
  if (state.depth > 0) {
    const text = openedIn?.textContent?.trim() ?? "";
    found.push({ kind: "unclosed marker", value: text, full: text, where: describe(openedIn) });
  }

  // Attributes of every rendered element, and button-like inputs' values.
  for (const element of document.body.querySelectorAll("*")) {
    if (allExcluded && element.closest(allExcluded)) continue;
    if (!isRendered(element)) continue;
    for (const name of options.attributes) {
      const value = element.getAttribute(name);
      if (value?.trim()) report(name, value, element);
    }
    if (element instanceof HTMLInputElement && ["button", "submit", "reset"].includes(element.type))
      report("value", element.value, element);
  }
  if (document.title.trim()) report("document.title", document.title, document.head);
  return found;

  function hasBox(node: Node): boolean {
    const range = document.createRange();
    range.selectNodeContents(node);
    return range.getClientRects().length > 0;
  }
}

/** Waits until the DOM has been quiet for `quietMs` (bounded by `maxMs`): the screen finished rendering. */
export async function settle(page: Page, quietMs = 250, maxMs = 4_000): Promise<void> {
  await page.waitForLoadState("load");
  await page.evaluate(
    ({ quietMs, maxMs }) =>
      new Promise<void>((resolve) => {
        let timer = setTimeout(done, quietMs);
        const cap = setTimeout(done, maxMs);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, quietMs);
        });
        observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
        function done() {
          observer.disconnect();
          clearTimeout(timer);
          clearTimeout(cap);
          resolve();
        }
      }),
    { quietMs, maxMs },
  );
}

/** One line per unmarked string, grouped by screen, for the failure message and the report. */
export function formatFindings(findings: ReadonlyArray<{ screen: string } & Unmarked>): string {
  return findings
    .map(
      (f) =>
        `${f.screen} | ${f.kind} | ${JSON.stringify(f.value)}${f.value === f.full ? "" : ` in ${JSON.stringify(f.full)}`} | ${f.where}`,
    )
    .join("\n");
}

/**
 * Runs inside the page: everything Intl writes in `language` that a screen may show unmarked (relative
 * times, time-zone ids and names, country and language names), the words Intl.DateTimeFormat puts around
 * numbers and the words Intl.ListFormat puts between items. Regenerated by the browser's own Intl.
 */
function intlVocabularyInPage(language: string): IntlVocabulary {
  const hasLetter = (text: string) => /\p{L}/u.test(text);
  const exactIntl = (): Set<string> => {
    const set = new Set<string>();
    // Relative times ("3 minutes ago", "agora", "3分钟前"), as Intl.RelativeTimeFormat writes them.
    const units: Intl.RelativeTimeFormatUnit[] = ["second", "minute", "hour", "day", "week", "month", "year"];
    for (const numeric of ["auto", "always"] as const)
      for (const style of ["long", "short", "narrow"] as const) {
        const format = new Intl.RelativeTimeFormat(language, { numeric, style });
        for (const unit of units) for (let n = -100; n <= 100; n++) set.add(format.format(n, unit));
      }
    // Time zones: IANA ids (Intl.supportedValuesOf) and their localized names.
    const zones = (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf(
      "timeZone",
    );
    for (const zone of [...zones, "UTC"]) {
      // The id as is, and as a menu shows it readably ("America / Sao Paulo").
      set.add(zone);
      set.add(zone.replaceAll("_", " ").replaceAll("/", " / "));
      for (const timeZoneName of [
        "long",
        "short",
        "shortOffset",
        "longOffset",
        "longGeneric",
        "shortGeneric",
      ]) {
        const parts = new Intl.DateTimeFormat(language, {
          timeZone: zone,
          timeZoneName: timeZoneName as Intl.DateTimeFormatOptions["timeZoneName"],
        }).formatToParts(Date.now());
        const name = parts.find((part) => part.type === "timeZoneName")?.value;
        if (name) set.add(name);
      }
    }
    // Country and language names (Intl.DisplayNames).
    const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const regions = new Intl.DisplayNames(language, { type: "region", fallback: "none" });
    const languages = new Intl.DisplayNames(language, { type: "language", fallback: "none" });
    const dialects = new Intl.DisplayNames(language, {
      type: "language",
      fallback: "none",
      languageDisplay: "standard",
    });
    for (const a of letters)
      for (const b of letters) {
        const region = regions.of(`${a}${b}`);
        if (region) set.add(region);
        const code = `${a}${b}`.toLowerCase();
        for (const tag of [code, `${code}-${code.toUpperCase()}`]) {
          try {
            const name = languages.of(tag);
            if (name) set.add(name);
            const standard = dialects.of(tag);
            if (standard) set.add(standard);
          } catch {
            // not a well-formed tag
          }
        }
      }
    for (const tag of [
      "pt-BR",
      "pt-PT",
      "zh-CN",
      "zh-TW",
      "zh-Hans",
      "zh-Hant",
      "en-GB",
      "en-US",
      "es-419",
    ]) {
      for (const format of [languages, dialects]) {
        const name = format.of(tag);
        if (name) set.add(name);
      }
    }
    return set;
  };
  // Words Intl.DateTimeFormat writes around numbers (month and weekday names, AM/PM, "at", "de", 年月日).
  const dateWords = (): string[] => {
    const words = new Set<string>();
    const styles: Intl.DateTimeFormatOptions[] = [];
    for (const dateStyle of ["full", "long", "medium", "short", undefined] as const)
      for (const timeStyle of ["full", "long", "medium", "short", undefined] as const)
        if (dateStyle || timeStyle) styles.push({ dateStyle, timeStyle });
    for (const month of ["long", "short"] as const)
      for (const weekday of ["long", "short", undefined] as const)
        styles.push({ month, weekday, day: "numeric", hour: "numeric", minute: "2-digit" });
    const year = new Date().getFullYear();
    for (const style of styles) {
      const format = new Intl.DateTimeFormat(language, { ...style, timeZone: "UTC" });
      for (let month = 0; month < 12; month++)
        for (const day of [1, 2, 3, 4, 5, 6, 7])
          for (const hour of [3, 15])
            for (const part of format.formatToParts(Date.UTC(year, month, day, hour, 5)))
              if (
                part.type !== "day" &&
                part.type !== "year" &&
                part.type !== "hour" &&
                part.type !== "minute"
              )
                if (hasLetter(part.value)) words.add(part.value.trim());
    }
    return [...words].filter(Boolean).sort((a, b) => b.length - a.length);
  };
  // The words Intl.ListFormat puts between items ("and", "e", "和", "or").
  const listWords = (): string[] => {
    const words = new Set<string>();
    for (const type of ["conjunction", "disjunction", "unit"] as const)
      for (const style of ["long", "short", "narrow"] as const)
        for (const part of new Intl.ListFormat(language, { type, style }).formatToParts(["a", "b", "c"]))
          if (part.type === "literal" && hasLetter(part.value)) words.add(part.value.trim());
    return [...words].sort((a, b) => b.length - a.length);
  };
  return { exact: [...exactIntl()], date: dateWords(), list: listWords() };
}
