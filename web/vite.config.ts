import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app: built into dist/web, which the server serves at / (src/web/routes.ts).
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/t': 'http://127.0.0.1:3000',
      '/search': 'http://127.0.0.1:3000',
    },
  },
});
