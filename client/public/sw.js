// Mutual's service worker: keeps the app shell (index.html and its hashed assets) so a document
// page reloads with the network or the server down. Document content is not cached here: it lives
// in IndexedDB (y-indexeddb) and syncs over /collab, which this worker never touches.
const CACHE = "mutual-shell-v1";
const SHELL = "/";
const ASSET_PATTERN = /\/assets\/[^"'\s)>]+/g;

function assetsIn(html) {
  return Array.from(new Set(html.match(ASSET_PATTERN) ?? []));
}

/** Caches index.html and every asset it names; drops assets no current shell needs. */
async function cacheShell(response) {
  const cache = await caches.open(CACHE);
  const html = await response.clone().text();
  const assets = assetsIn(html);
  await cache.put(SHELL, response);
  await Promise.all(
    assets.map(async (path) => {
      if (!(await cache.match(path))) await cache.add(path);
    }),
  );
  const keep = new Set(assets.map((path) => new URL(path, self.location.origin).href));
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/assets/") && !keep.has(url.href)) await cache.delete(request);
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const response = await fetch(SHELL, { cache: "no-store" });
      if (response.ok) await cacheShell(response);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/** Network first, so a new version is picked up at once; the cached shell when offline. */
async function navigation(request) {
  try {
    const response = await fetch(request);
    const type = response.headers.get("content-type") ?? "";
    if (response.ok && type.includes("text/html")) {
      // Any app URL returns the same index.html; keep the freshest copy as the shell.
      cacheShell(response.clone()).catch(() => {});
    }
    return response;
  } catch (error) {
    const cached = await caches.match(SHELL);
    if (cached) return cached;
    throw error;
  }
}

/** Hashed assets never change: serve from cache, fetch and keep on a miss. */
async function asset(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/collab") || url.pathname.startsWith("/api")) return;
  if (request.mode === "navigate") {
    event.respondWith(navigation(request));
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(asset(request));
  }
});
