// Vite build and dev-server settings for the web client (root = web/, output = web/dist): the public map and the permit pages.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// The dev server forwards data requests to the API process so pages use same-origin URLs in both modes.
const apiTarget = process.env.SPP_API_URL ?? 'http://127.0.0.1:3000';

// The server answers these paths with their page's html file; the dev server does the same.
const PAGE_ROUTES: [RegExp, string][] = [
  [/^\/permits(\/new|\/\d+(\/print)?)?\/?(\?.*)?$/, '/permits.html'],
  [/^\/verify\/[^/?]+\/?(\?.*)?$/, '/verify.html'],
  [/^\/plan\/?(\?.*)?$/, '/plan.html'],
];
const pageRoutes: Plugin = {
  name: 'spp-page-routes',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const page = req.url ? PAGE_ROUTES.find(([route]) => route.test(req.url!)) : undefined;
      if (page && req.url) req.url = `${page[1]}${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}`;
      next();
    });
  },
};

export default defineConfig({
  root,
  base: '/',
  plugins: [pageRoutes],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // The public map must load on slow mobile links: keep an eye on growth.
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        permits: fileURLToPath(new URL('./permits.html', import.meta.url)),
        verify: fileURLToPath(new URL('./verify.html', import.meta.url)),
        plan: fileURLToPath(new URL('./plan.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/ogc': apiTarget,
      '/tiles': apiTarget,
    },
  },
});
