/// <reference types="vitest/config" />
// Vite build for the Rutile web app. Output goes to web/dist/, served by `rutile serve`.
// A small plugin writes the service worker after the bundle is known, so it can precache
// the exact hashed asset names.
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

function serviceWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'rutile-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      const assets = Object.keys(bundle)
        .filter((f) => f.startsWith('assets/') && !f.endsWith('.map'))
        .map((f) => '/' + f);
      const engineDir = resolve(outDir, 'engine');
      const engine = existsSync(engineDir) ? readdirSync(engineDir).map((f) => '/engine/' + f) : [];
      const shell = ['/', '/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png'];
      const version = Date.now().toString(36);
      const template = readFileSync(resolve(import.meta.dirname, 'src/sw-template.js'), 'utf8');
      const text = template
        .replace('__VERSION__', JSON.stringify(version))
        .replace('__PRECACHE__', JSON.stringify([...shell, ...assets, ...engine]));
      writeFileSync(resolve(outDir, 'sw.js'), text);
    },
  };
}

export default defineConfig({
  plugins: [preact(), serviceWorker()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        // Name translation chunks by language so bench/web/sizes.sh can find them.
        chunkFileNames: (chunk) => {
          const m = /i18n\/(\w+)\/(\w+)\.json$/.exec(chunk.facadeModuleId ?? '');
          return m ? `assets/i18n-${m[1]}-${m[2]}-[hash].js` : 'assets/[name]-[hash].js';
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': process.env.RUTILE_API ?? 'http://127.0.0.1:8080',
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
