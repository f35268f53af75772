// Mutual's service worker: keeps the app shell (index.html and every file of its build) so a page
// reloads with the network or the server down. Document content is not cached here: it lives in
// IndexedDB (y-indexeddb) and syncs over /collab, which this worker never touches.
const CACHE = "mutual-shell-v2";
const SHELL = "/";
// The build's Vite manifest (vite.config.ts): every chunk, including the ones loaded on demand (a
// route, the editor, a language), so that a document opens offline on a page first loaded elsewhere.
const MANIFEST = "/asset-manifest.json";

/** Every file a build's manifest names: each chunk, its CSS and its other assets. */
function filesIn(manifest) {
  const files = new Set();
  for (const chunk of Object.values(manifest)) {
    for (const file of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) {
      if (file?.startsWith("assets/")) files.add(`/${file}`);
    }
  }
  return [...files];
}

/** Caches index.html and every file of its build; drops files no current build needs. */
async function cacheShell(response) {
  const cache = await caches.open(CACHE);
  const manifestResponse = await fetch(MANIFEST, { cache: "no-store" });
  if (!manifestResponse.ok) return;
  const files = filesIn(await manifestResponse.json());
  // Files the page already loaded come from the HTTP cache (immutable): only the others download.
  await Promise.all(
    files.map(async (path) => {
      if (!(await cache.match(path))) await cache.add(path);
    }),
  );
  // The shell last: a shell in the cache means its whole build is there.
  await cache.put(SHELL, response);
  const keep = new Set(files.map((path) => new URL(path, self.location.origin).href));
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/assets/") && !keep.has(url.href)) await cache.delete(request);
  }
}

/** Re-caches only when the server's index.html differs from the cached one (a new build). */
async function refreshShell(response) {
  const cached = await caches.match(SHELL);
  if (cached && (await cached.text()) === (await response.clone().text())) return;
  await cacheShell(response);
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
      refreshShell(response.clone()).catch(() => {});
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
