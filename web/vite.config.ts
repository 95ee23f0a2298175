import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The app is served by the API server from dist/web; in development Vite proxies the API to it.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // .vite/manifest.json: which chunks each page loads, for scripts/web-size.mjs (not served)
    manifest: true,
    // routes are lazy (routes.tsx), so charts and drag-and-drop load only with the pages that use them
  },
  // The server trusts cookie writes from its own origins only (PUBLIC_URL, or the address it listens
  // on): set CRM_ALLOWED_ORIGINS=http://localhost:5173 on the server while working with `npm run dev:web`.
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
