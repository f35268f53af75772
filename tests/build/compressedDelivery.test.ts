import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExchange } from "../support/api";
import { type RunningServer, startServer } from "../support/server";

const dist = join(import.meta.dirname, "..", "..", "dist", "client");
// Everything the build hashed that has compressed copies (vite.config.ts compresses text over 1 KB).
const hashed = readdirSync(join(dist, "assets")).filter(
  (name) => /\.(js|css)$/.test(name) && readdirSync(join(dist, "assets")).includes(`${name}.br`),
);

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw GET (fetch would decompress and hide what was sent). */
function get(url: string, acceptEncoding: string | null, cookie?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = {
      ...(acceptEncoding === null ? {} : { "Accept-Encoding": acceptEncoding }),
      ...(cookie ? { Cookie: cookie } : {}),
    };
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on("error", reject)
      .end();
  });
}

const decode: Record<string, (body: Buffer) => Buffer> = {
  br: brotliDecompressSync,
  gzip: gunzipSync,
  identity: (body) => body,
};

describe("compressed delivery of the built client", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("has hashed assets to check", () => {
    expect(hashed.length).toBeGreaterThan(5);
  });

  for (const [accept, expected] of [
    ["gzip, deflate, br, zstd", "br"],
    ["gzip, deflate", "gzip"],
    [null, "identity"],
    ["identity", "identity"],
  ] as const) {
    it(`sends every hashed asset as ${expected} to a browser that accepts ${accept ?? "nothing said"}`, async () => {
      for (const name of hashed) {
        const reply = await get(`${server.url}/assets/${name}`, accept);
        expect(reply.status, name).toBe(200);
        expect(reply.headers["content-encoding"] ?? "identity", name).toBe(expected);
        expect(reply.headers.vary, name).toMatch(/Accept-Encoding/i);
        expect(reply.headers["cache-control"], name).toBe("public, max-age=31536000, immutable");
        expect(reply.headers["content-type"], name).toMatch(
          name.endsWith(".js") ? /javascript/ : /text\/css/,
        );
        const original = readFileSync(join(dist, "assets", name));
        expect(decode[expected]!(reply.body).equals(original), name).toBe(true);
        if (expected !== "identity") expect(reply.body.byteLength, name).toBeLessThan(original.byteLength);
      }
    });
  }

  it("sends the app shell and the service worker compressed, revalidated on every use", async () => {
    for (const path of ["/", "/x/abcdefghij012345/d/0123456789abcdef", "/sw.js"]) {
      const reply = await get(`${server.url}${path}`, "br, gzip");
      expect(reply.headers["content-encoding"], path).toBe("br");
      expect(reply.headers.vary, path).toMatch(/Accept-Encoding/i);
      expect(reply.headers["cache-control"], path).toBe("no-cache");
      const file = path === "/sw.js" ? "sw.js" : "index.html";
      expect(brotliDecompressSync(reply.body).equals(readFileSync(join(dist, file))), path).toBe(true);
    }
    const shell = await get(`${server.url}/`, "gzip");
    expect(shell.headers["content-encoding"]).toBe("gzip");
    // The shell's inline script runs by its hash: the page's CSP names it.
    expect(shell.headers["content-security-policy"]).toMatch(/script-src 'self' 'sha256-[^']+'/);
  });

  it("compresses API answers over 2 KB, not small ones", async () => {
    const exchange = await createExchange(server.url);
    const path = `/api/exchanges/${exchange.exchangeId}`;
    // Without a session: a short error answer, sent as it is.
    const small = await get(`${server.url}${path}`, "br, gzip");
    expect(small.status).toBe(401);
    expect(small.headers["content-encoding"]).toBeUndefined();
    for (let i = 0; i < 12; i++) await exchange.newDocument("notes");
    const large = await get(`${server.url}${path}`, "br, gzip", exchange.facilitator.session.cookie!);
    expect(large.headers["content-encoding"]).toBe("br");
    expect(large.headers.vary).toMatch(/Accept-Encoding/i);
    const view = JSON.parse(brotliDecompressSync(large.body).toString("utf8")) as { documents: unknown[] };
    expect(view.documents).toHaveLength(12);
    expect(brotliDecompressSync(large.body).byteLength).toBeGreaterThan(2048);
  });

  it("answers an unknown asset with 404, not the shell", async () => {
    const reply = await get(`${server.url}/assets/nothing-here-1234.js`, "br");
    expect(reply.status).toBe(404);
  });
});
