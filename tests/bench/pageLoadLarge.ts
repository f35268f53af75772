import { brotliCompressSync, constants, deflateRawSync } from "node:zlib";
import type { Browser } from "playwright-core";
import * as Y from "yjs";
import type { DocumentInfo } from "../../shared/domain";
import { seedDocument } from "../support/seedDocument";
import { coldLoad, LINKS, pageOnLink } from "../support/slowLink";
import { BENCH } from "./config";
import { buildLargeDocument } from "./largeDocument";

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

/**
 * The bench's 750 KB document (tests/bench/largeDocument.ts): what its first sync would weigh
 * compressed, computed here, and how long a browser takes to get it on the 1.6 Mbit/s link.
 */
export async function measureLargeSync(
  browser: Browser,
  target: { url: string; wsUrl: string; cookie: string; document: DocumentInfo; room: string },
): Promise<void> {
  const large = buildLargeDocument(BENCH.largeDocument.targetBytes);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, large.update);
  await seedDocument(target.wsUrl, target.room, target.cookie, doc);
  // What the server sends in sync step 2 is this update (a few bytes of framing around it).
  const update = Y.encodeStateAsUpdate(doc);
  const deflate = timed(() => deflateRawSync(update, { level: 6 }));
  const brotli4 = timed(() =>
    brotliCompressSync(update, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
  );
  const brotli11 = timed(() => brotliCompressSync(update));
  const link = LINKS.good3g;
  const seconds = (bytes: number) => ((bytes * 8) / (link.downKbps * 1000)).toFixed(2);
  console.log(`\nLarge document (${large.operations} edits, ${large.textLength} characters)`);
  console.log("| encoding | bytes | compress ms | transfer s at 1.6 Mbit/s |");
  console.log("| --- | --- | --- | --- |");
  console.log(`| raw (today) | ${update.byteLength} | 0 | ${seconds(update.byteLength)} |`);
  for (const [name, run] of [
    ["deflate level 6 (permessage-deflate)", deflate],
    ["brotli quality 4", brotli4],
    ["brotli quality 11", brotli11],
  ] as const) {
    console.log(
      `| ${name} | ${run.result.byteLength} | ${run.ms.toFixed(1)} | ${seconds(run.result.byteLength)} |`,
    );
  }

  // In the browser: a member opens the document cold; synced = the status says everything is saved,
  // which it only says once the server's state vector is known and the whole update applied.
  const times: number[] = [];
  const syncs: string[] = [];
  let webSocketBytes = 0;
  for (let i = 0; i < 3; i++) {
    const { context, page, cdp } = await pageOnLink(browser, {
      baseURL: target.url,
      link,
      locale: "en-GB",
      sessionCookie: target.cookie,
    });
    const path = `/x/${target.document.exchangeId}/d/${target.document.id}`;
    const load = await coldLoad(page, cdp, path, { selector: ".status-pill--success", text: "" }, 120_000);
    times.push(load.readyMs);
    webSocketBytes = load.webSocketBytes;
    const frame = load.largestFrame;
    if (frame)
      syncs.push(`${Math.round(frame.afterHandshakeMs)} ms (${Math.round(frame.bytes / 1024)} KB message)`);
    await context.close();
  }
  console.log(
    `\nBrowser, ${link.name}, cold: synced ${times.map((ms) => Math.round(ms)).join(", ")} ms after navigation; ${Math.round(webSocketBytes / 1024)} KB of WebSocket messages received`,
  );
  console.log(`From the socket's handshake to the first sync's message: ${syncs.join(", ")}`);
}
