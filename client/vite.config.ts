import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const api = process.env.KK_DEV_API ?? 'http://localhost:8080';

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: {
    alias: {
      '@contracts': here('../server/src/contracts'),
      '@': here('./src'),
    },
  },
  server: {
    proxy: { '/api': api, '/ogc': api },
  },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    // MapLibre alone is ~1 MB minified; it is one lazy-free chunk on purpose (the map is the app).
    chunkSizeWarningLimit: 2500,
  },
});
