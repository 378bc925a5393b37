import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API runs on port 3000 in development (CERISE_API_URL to change it); the browser only
// talks to Vite (same origin). The Host header is kept so the server's Origin check accepts
// the page's origin.
const apiTarget = process.env.CERISE_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: { port: 4173 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the production build: the server must not serve them.
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Libraries change less often than the application: separate, long-cached files.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 3 },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui|dayjs)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
