import react from '@vitejs/plugin-react-swc';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

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

/**
 * The service worker (src/sw/sw.ts) and the manifest live under /app/ (the console's scope), while Vite's
 * hashed files stay at /assets/: the precache names them by absolute path so the worker fetches them there.
 */
const pwa = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src/sw',
  filename: 'sw.ts',
  base: '/app/',
  scope: '/app/',
  injectRegister: false,
  registerType: 'prompt',
  includeAssets: ['icons/apple-touch-icon.png'],
  manifest: {
    id: '/app/',
    name: 'Workflow platform',
    short_name: 'Workflows',
    description: 'Build, run and watch your workflows.',
    start_url: '/app/',
    scope: '/app/',
    display: 'standalone',
    theme_color: '#1c7ed6',
    background_color: '#ffffff',
    lang: 'en',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  injectManifest: {
    globPatterns: ['**/*.{js,css,html,svg,woff2}'],
    modifyURLPrefix: { 'assets/': '/assets/' },
    dontCacheBustURLsMatching: /^\/assets\//,
    maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
    // One self-contained classic script: registered without `type: 'module'`, which not every browser supports.
    rollupFormat: 'iife',
  },
});

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), pwa],
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
