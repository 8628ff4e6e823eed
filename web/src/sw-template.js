// Rutile service worker (generated into dist/sw.js by vite.config.ts).
// Shell, hashed assets and the offline engine are precached; the engine vocabulary is
// network-first with a cached copy; the other API calls always go to the network.
const VERSION = __VERSION__;
const PRECACHE = __PRECACHE__;
const SHELL_CACHE = 'rutile-shell-' + VERSION;
const DATA_CACHE = 'rutile-data-v1';
const CACHED_API = ['/api/v1/engine/vocabulary'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll(PRECACHE);
      const data = await caches.open(DATA_CACHE);
      for (const url of CACHED_API) {
        try {
          const response = await fetch(url, { credentials: 'same-origin' });
          if (response.ok) await data.put(url, response);
        } catch (_) {
          // The vocabulary is cached later, on the first successful fetch.
        }
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('rutile-shell-') && key !== SHELL_CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

async function networkFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (CACHED_API.includes(url.pathname)) {
    event.respondWith(networkFirst(request, DATA_CACHE));
    return;
  }
  if (url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(async () => {
        const cache = await caches.open(SHELL_CACHE);
        return (await cache.match('/')) ?? Response.error();
      }),
    );
    return;
  }
  event.respondWith(
    (async () => {
      const cached = await caches.match(request);
      if (cached) return cached;
      return fetch(request);
    })(),
  );
});
