/**
 * Vite builds the web app (web/) into dist/web, which `okr serve` serves with an SPA fallback.
 * In development (`vite`) and preview (`vite preview`) /api is proxied to a running server:
 * OKR_API_URL, default http://localhost:3000.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.OKR_API_URL ?? 'http://localhost:3000';
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  base: '/',
  plugins: [react()],
  resolve: {
    // Type-only imports of the shared zod contracts; erased at build time, so no server code ships.
    alias: { '@contracts': fileURLToPath(new URL('./src/contracts', import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
  },
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, strictPort: true, proxy },
});
