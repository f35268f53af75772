import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../../client/i18n/languages";
import { matchRoute } from "../../../client/navigation/paths";
import { inlineScriptHashes } from "../../../server/http/inlineScripts";

// index.html's inline script decides the shell's language and what to preload before the app runs:
// it must agree with the app's own rules (client/i18n/languages.ts, client/navigation/paths.ts).
const html = readFileSync(join(import.meta.dirname, "..", "..", "..", "client", "index.html"), "utf8");
const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
const FILES = {
  home: ["/assets/home.js"],
  join: ["/assets/join.js"],
  exchange: ["/assets/exchange.js"],
  document: ["/assets/document.js", "/assets/yjs.js"],
  documentEditor: ["/assets/editor.js"],
  documentAgenda: ["/assets/agenda.js", "/assets/zod.js"],
  "agendaStrings-pt-BR": ["/assets/agendaStrings-pt-BR.js"],
  "locale-en": ["/assets/locale-en.js"],
  "locale-pt-BR": ["/assets/locale-pt-BR.js"],
  "locale-zh-CN": ["/assets/locale-zh-CN.js"],
};

/** Runs the script as the build leaves it (its preload map filled in) in a fake page. */
function runShell(page: {
  languages: string[];
  stored?: string | null;
  path?: string;
  /** What the API answers for the document: its kind, or an HTTP status. */
  document?: { kind: string } | number;
}) {
  const fetched: string[] = [];
  const fetch = async (url: string) => {
    fetched.push(url);
    const answer = page.document ?? 404;
    return typeof answer === "number"
      ? { ok: false, json: async () => ({}) }
      : { ok: true, json: async () => ({ document: answer }) };
  };
  const links: Array<{ href: string; priority: string | null }> = [];
  const root = { lang: "en" };
  const document = {
    documentElement: root,
    createElement: () => {
      const link = { rel: "", crossOrigin: null as string | null, href: "", priority: null as string | null };
      return Object.assign(link, {
        setAttribute: (name: string, value: string) => {
          if (name === "fetchpriority") link.priority = value;
        },
      });
    },
    head: {
      appendChild: (link: { rel: string; href: string; priority: string | null }) => {
        if (link.rel === "modulepreload") links.push({ href: link.href, priority: link.priority });
      },
    },
  };
  const localStorage = {
    getItem: () => {
      if (page.stored === undefined) throw new Error("storage disabled");
      return page.stored;
    },
  };
  const filled = script.replace("/* shell-preloads */ {}", JSON.stringify(FILES));
  expect(filled).not.toBe(script);
  runInNewContext(filled, {
    document,
    localStorage,
    navigator: { languages: page.languages, language: page.languages[0] },
    location: { pathname: page.path ?? "/" },
    fetch,
  });
  return { lang: root.lang, links, fetched };
}

describe("index.html's shell script", () => {
  const preferences = [
    ["en-GB"],
    ["pt-PT", "en"],
    ["pt_BR"],
    ["zh-TW"],
    ["zh-Hans-CN", "en-US"],
    ["de-DE", "fr-FR"],
    ["de-DE", "zh-CN", "en"],
    ["fr", "en-US", "pt-BR"],
    ["PT-br"],
    [],
  ];
  it.each(preferences)("picks the language the app would for %j", (...languages: string[]) => {
    expect(runShell({ languages, stored: null }).lang).toBe(detectLanguage(languages));
  });

  it("prefers the remembered language, ignores a stored value that is not one, survives disabled storage", () => {
    expect(runShell({ languages: ["en-US"], stored: "zh-CN" }).lang).toBe("zh-CN");
    expect(runShell({ languages: ["pt-BR"], stored: "klingon" }).lang).toBe("pt-BR");
    expect(runShell({ languages: ["zh-CN"], stored: undefined }).lang).toBe("zh-CN");
  });

  it.each([
    "/",
    "/join/abc",
    "/x/abcdefghij012345",
    "/x/abcdefghij012345/",
    "/x/abcdefghij012345/d/0123456789abcdef",
    "/x/abcdefghij012345/d/0123456789abcdef/extra",
    "/elsewhere",
  ])("preloads the screen the app will open at %s, then its language", (path) => {
    const { links } = runShell({ languages: ["pt-BR"], stored: null, path });
    const route = matchRoute(path).name;
    const screen = route in FILES ? FILES[route as keyof typeof FILES] : [];
    const editor =
      route === "document" ? FILES.documentEditor.map((href) => ({ href, priority: "low" })) : [];
    expect(links).toEqual([
      { href: "/assets/locale-pt-BR.js", priority: null },
      ...screen.map((href) => ({ href, priority: null })),
      ...editor,
    ]);
  });

  it("asks for a document's kind and preloads an agenda's screen and strings only for an agenda", async () => {
    const path = "/x/abcdefghij012345/d/0123456789abcdef";
    const agenda = runShell({ languages: ["pt-BR"], stored: null, path, document: { kind: "agenda" } });
    expect(agenda.fetched).toEqual(["/api/exchanges/abcdefghij012345/documents/0123456789abcdef"]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(agenda.links.slice(-3).map((link) => link.href)).toEqual([
      "/assets/agenda.js",
      "/assets/zod.js",
      "/assets/agendaStrings-pt-BR.js",
    ]);
    for (const document of [{ kind: "reflection" }, 403]) {
      const other = runShell({ languages: ["pt-BR"], stored: null, path: `${path}/`, document });
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(other.links.map((link) => link.href)).not.toContain("/assets/agenda.js");
    }
    expect(runShell({ languages: ["en"], stored: null, path: "/x/abcdefghij012345" }).fetched).toEqual([]);
  });

  it("is one inline script, which the server's CSP names by its hash", () => {
    expect(inlineScriptHashes(html)).toHaveLength(1);
    expect(inlineScriptHashes(html)[0]).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
  });
});
