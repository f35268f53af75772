// `npm run bench:load`: how long a first visit takes on slow links, cold cache, in English and Chinese.
// For the home, exchange, text document and agenda routes: bytes over the link and time until the
// screen can be used (a document: editable, with the server's text in it); then a 750 KB document's
// first sync.
//   --root DIR      measure the client and server of another checkout (e.g. a `git worktree` of an
//                   older commit, built), started the way that checkout starts them
//   --repeats N     cold loads per cell (median reported; default 3)
//   --skip-large    leave out the large document (--only-large: nothing but it)
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { createExchange } from "../support/api";
import { paragraphsDoc, seedDocument } from "../support/seedDocument";
import { serverArgs } from "../support/serverCommand";
import {
  type ColdLoad,
  coldLoad,
  editableWith,
  headingWith,
  LINKS,
  type Link,
  pageOnLink,
} from "../support/slowLink";
import { measureLargeSync } from "./pageLoadLarge";

const { values } = parseArgs({
  options: {
    root: { type: "string" },
    repeats: { type: "string", default: "3" },
    "skip-large": { type: "boolean", default: false },
    "only-large": { type: "boolean", default: false },
  },
});
const mutualRoot = join(import.meta.dirname, "..", "..");
const root = values.root ?? mutualRoot;
const repeats = Number(values.repeats);

/** Starts the checkout's server on a free port with a fresh data directory. */
async function startAt(checkout: string): Promise<{ url: string; child: ChildProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), "mutual-pageload-"));
  // A checkout from before the compiled server ran its TypeScript through tsx.
  const args = existsSync(join(checkout, "scripts", "buildServer.mjs"))
    ? serverArgs(checkout)
    : [
        ...(JSON.parse(readFileSync(join(checkout, "package.json"), "utf8")).config?.nodeFlags ?? "")
          .split(/\s+/)
          .filter(Boolean),
        "--import",
        "tsx",
        "server/main.ts",
      ];
  const child = spawn(process.execPath, args, {
    cwd: checkout,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.includes('"listening"')) resolve(JSON.parse(line).port as number);
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, dataDir };
}

const median = (numbers: number[]) =>
  [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? NaN;

interface Cell {
  route: string;
  language: string;
  link: Link;
  loads: ColdLoad[];
}

async function main() {
  if (!existsSync(join(root, "dist", "client", "index.html")))
    throw new Error(`${root}: build the client first`);
  const server = await startAt(root);
  // As tests/support/browser.ts launches it (that module needs Vitest's runner around it).
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
    ],
  });
  try {
    const exchange = await createExchange(server.url, "Recife–Chengdu water exchange");
    const chinese = await exchange.join("delegate", "Li Wei");
    await chinese.session.ok("PATCH", `/api/exchanges/${exchange.exchangeId}/participants/me`, {
      uiLanguage: "zh-CN",
    });
    const marker = "Day one: arrivals and the water utility visit";
    const paragraphs = [
      marker,
      ...Array.from({ length: 40 }, (_, i) => `Item ${i + 1}: ${"notes ".repeat(20)}`),
    ];
    const wsUrl = `${server.url.replace(/^http/, "ws")}/collab`;
    // The same 41 paragraphs as a text document, and as an agenda made before the structured agenda
    // (its text becomes the agenda's notes: the agenda's screen and the editor both load).
    const [text, agenda] = await Promise.all([exchange.newDocument("notes"), exchange.newDocument("agenda")]);
    for (const { room } of [text, agenda])
      await seedDocument(wsUrl, room, exchange.facilitator.session.cookie!, paragraphsDoc(paragraphs));

    const readers = [
      { language: "en", locale: "en-GB", cookie: exchange.facilitator.session.cookie! },
      { language: "zh-CN", locale: "zh-CN", cookie: chinese.session.cookie! },
    ];
    const routes = [
      { name: "home", path: "/", ready: headingWith("") },
      { name: "exchange", path: `/x/${exchange.exchangeId}`, ready: headingWith("Recife–Chengdu") },
      {
        name: "document",
        path: `/x/${exchange.exchangeId}/d/${text.document.id}`,
        ready: editableWith(marker),
      },
      {
        name: "agenda",
        path: `/x/${exchange.exchangeId}/d/${agenda.document.id}`,
        ready: editableWith(marker),
      },
    ];
    const cells: Cell[] = [];
    for (const link of values["only-large"] ? [] : [LINKS.good3g, LINKS.poor]) {
      for (const route of routes) {
        for (const reader of readers) {
          const cell: Cell = { route: route.name, language: reader.language, link, loads: [] };
          for (let i = 0; i < repeats; i++) {
            const { context, page, cdp } = await pageOnLink(browser, {
              baseURL: server.url,
              link,
              locale: reader.locale,
              sessionCookie: reader.cookie,
            });
            cell.loads.push(await coldLoad(page, cdp, route.path, route.ready, 120_000));
            await context.close();
          }
          cells.push(cell);
          report(cell);
        }
      }
    }
    printTable(cells);
    if (!values["skip-large"]) {
      const large = await exchange.newDocument("notes");
      await measureLargeSync(browser, {
        url: server.url,
        wsUrl,
        cookie: exchange.facilitator.session.cookie!,
        ...large,
      });
    }
  } finally {
    await browser.close();
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}

function report(cell: Cell) {
  const times = cell.loads.map((load) => Math.round(load.readyMs)).join(", ");
  console.log(`${cell.link.name} ${cell.route} ${cell.language}: ready ${times} ms`);
}

function printTable(cells: Cell[]) {
  console.log(`\n${root}\n`);
  console.log(
    "| link | route | language | KB over the link (HTTP + WebSocket) | first paint ms | ready ms (median) |",
  );
  console.log("| --- | --- | --- | --- | --- | --- |");
  for (const cell of cells) {
    const http = median(cell.loads.map((load) => load.httpBytes)) / 1024;
    const ws = median(cell.loads.map((load) => load.webSocketBytes)) / 1024;
    const paint = median(
      cell.loads.flatMap((load) => (load.firstPaintMs === null ? [] : [load.firstPaintMs])),
    );
    const ready = median(cell.loads.map((load) => load.readyMs));
    console.log(
      `| ${cell.link.name} | ${cell.route} | ${cell.language} | ${http.toFixed(0)} + ${ws.toFixed(0)} | ${Number.isNaN(paint) ? "–" : paint.toFixed(0)} | ${ready.toFixed(0)} |`,
    );
  }
}

await main();
