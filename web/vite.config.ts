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
      '/api': { target: gateway, changeOrigin: true },
      '/images': { target: gateway, changeOrigin: true },
    },
  },
});
