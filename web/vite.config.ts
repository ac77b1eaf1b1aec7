// Vite build and dev-server settings for the web client (root = web/, output = web/dist).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// The dev server forwards data requests to the API process so pages use same-origin URLs in both modes.
const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // The public map must load on slow mobile links: keep an eye on growth.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/ogc': apiTarget,
      '/tiles': apiTarget,
    },
  },
});
