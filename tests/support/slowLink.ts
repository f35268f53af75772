import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";

/** An emulated network link: Chromium delays every request by the round trip and meters both ways. */
export interface Link {
  name: string;
  downKbps: number;
  upKbps: number;
  rttMs: number;
}

/** The links of issue 28: hotel Wi-Fi or good 3G, and a poor one (each with a 300 ms round trip). */
export const LINKS = {
  good3g: { name: "1.6 Mbit/s, 300 ms", downKbps: 1600, upKbps: 750, rttMs: 300 },
  poor: { name: "400 kbit/s, 300 ms", downKbps: 400, upKbps: 400, rttMs: 300 },
} satisfies Record<string, Link>;

export interface ColdLoad {
  /** From navigation start to the first paint (the HTML's loading shell). */
  firstPaintMs: number | null;
  /** From navigation start to the shell's "Loading…" in the page's language laid out (null: never seen). */
  shellTextMs: number | null;
  /** That text, as shown. */
  shellText: string | null;
  /** From navigation start to `ready` holding. */
  readyMs: number;
  /** Bytes as they crossed the emulated link: HTTP responses (headers included) and WebSocket frames. */
  httpBytes: number;
  webSocketBytes: number;
  /** The largest WebSocket message (a document's first sync) and its arrival after the socket's handshake. */
  largestFrame: { bytes: number; afterHandshakeMs: number } | null;
  /** Every HTTP response's path, in the order they finished. */
  paths: string[];
}

/**
 * A fresh context (its own empty HTTP cache; no service worker, which would answer from its cache) with
 * one page behind the emulated link. `language` is the remembered UI language, `locale` the browser's.
 */
export async function pageOnLink(
  browser: Browser,
  options: { baseURL: string; link: Link; locale: string; language?: string; sessionCookie?: string },
): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    locale: options.locale,
    viewport: { width: 1280, height: 800 },
    serviceWorkers: "block",
  });
  if (options.sessionCookie) {
    const [name = "", value = ""] = options.sessionCookie.split(/=(.*)/s);
    await context.addCookies([{ name, value, url: options.baseURL }]);
  }
  if (options.language) {
    await context.addInitScript(
      (language: string) => localStorage.setItem("mutual.language", language),
      options.language,
    );
  }
  // Before the page's scripts: note when the shell's text in the page's language is laid out.
  // As a string: a function would be serialized with the helpers tsx adds to named functions.
  await context.addInitScript({
    content: `(() => {
      const watch = () => {
        const text = document.querySelector('.shell-status [lang="' + document.documentElement.lang + '"]');
        if (text && text.offsetWidth > 0) [window.shellTextAt, window.shellText] = [performance.now(), text.textContent];
        else if (!document.querySelector("#root > :not(.shell)")) requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    })();`,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: options.link.rttMs,
    downloadThroughput: (options.link.downKbps * 1000) / 8,
    uploadThroughput: (options.link.upKbps * 1000) / 8,
  });
  return { context, page, cdp };
}

/** When a screen can be used: an element matching `selector` shows `text` (CSP forbids eval'd checks). */
export interface Ready {
  selector: string;
  text: string;
}

/**
 * Opens `path` on a page from pageOnLink and waits until `ready` holds, checked every animation
 * frame; times are the page's own clock from navigation start.
 */
export async function coldLoad(
  page: Page,
  cdp: CDPSession,
  path: string,
  ready: Ready,
  timeoutMs = 60_000,
): Promise<ColdLoad> {
  let httpBytes = 0;
  let webSocketBytes = 0;
  const urls = new Map<string, string>();
  const paths: string[] = [];
  cdp.on("Network.responseReceived", (event) =>
    urls.set(event.requestId, new URL(event.response.url).pathname),
  );
  cdp.on("Network.loadingFinished", (event) => {
    httpBytes += event.encodedDataLength;
    paths.push(urls.get(event.requestId) ?? "?");
  });
  let handshakeAt: number | null = null;
  let largestFrame: ColdLoad["largestFrame"] = null;
  cdp.on("Network.webSocketWillSendHandshakeRequest", (event) => {
    handshakeAt ??= event.timestamp;
  });
  cdp.on("Network.webSocketFrameReceived", (event) => {
    const { opcode, payloadData } = event.response;
    const bytes =
      opcode === 2 ? Buffer.from(payloadData, "base64").byteLength : Buffer.byteLength(payloadData);
    webSocketBytes += bytes;
    if (handshakeAt !== null && bytes > (largestFrame?.bytes ?? 0)) {
      largestFrame = { bytes, afterHandshakeMs: (event.timestamp - handshakeAt) * 1000 };
    }
  });
  await page.goto(path, { waitUntil: "commit" });
  await page.waitForFunction(
    ({ selector, text }) => {
      const element = document.querySelector(selector);
      if (!element?.textContent?.includes(text)) return false;
      const marked = window as { readyAt?: number };
      marked.readyAt ??= performance.now();
      return true;
    },
    ready,
    { polling: "raf", timeout: timeoutMs },
  );
  const times = await page.evaluate(() => ({
    readyAt: (window as { readyAt?: number }).readyAt ?? Number.NaN,
    shellTextAt: (window as { shellTextAt?: number }).shellTextAt ?? null,
    shellText: (window as { shellText?: string }).shellText ?? null,
    firstPaint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
  }));
  return {
    firstPaintMs: times.firstPaint,
    shellTextMs: times.shellTextAt,
    shellText: times.shellText,
    readyMs: times.readyAt,
    httpBytes,
    webSocketBytes,
    largestFrame,
    paths,
  };
}

/** A document's editor is there, editable, and shows `text` (the server's copy has arrived). */
export const editableWith = (text: string): Ready => ({
  selector: '[role="textbox"][contenteditable="true"]',
  text,
});

/** A screen's own heading (the shell has none) shows `text`. */
export const headingWith = (text: string): Ready => ({ selector: "main h1", text });
