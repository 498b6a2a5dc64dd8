import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In `vite dev` the API and product images come from a running gateway (npm start).
const gateway = process.env.EMPORIUM_GATEWAY_URL ?? 'http://localhost:8080';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    proxy: {
      // The gateway accepts session requests only from its own origin (gateway/src/session):
      // through this proxy they come from the dev server's, so they are sent on as the gateway's.
      '/api': { target: gateway, changeOrigin: true, headers: { origin: new URL(gateway).origin } },
      '/images': { target: gateway, changeOrigin: true },
    },
  },
});
