import react from '@vitejs/plugin-react-swc';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The API's own paths, proxied by `npm run dev:web` (the console itself lives under /app/).
const API_PATHS = [
  '/auth',
  '/users',
  '/workflows',
  '/executions',
  '/credentials',
  '/node-types',
  '/files',
  '/notifications',
  '/health',
  '/metrics',
  '/docs',
  '/webhook',
  '/callbacks',
];
const API = process.env.API_URL ?? 'http://127.0.0.1:3000';
const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: process.env.WEB_CONSOLE_DIR || join(here, '..', '..', 'dist', 'web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1000,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(API_PATHS.map((path) => [path, { target: API, changeOrigin: false }])),
  },
});
