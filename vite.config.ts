import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { CONTENT_SECURITY_POLICY } from './src/lib/csp';

/** Puts the policy into index.html too, so a copy served by any static host keeps it. */
function cspMeta(): Plugin {
  return {
    name: 'arkwright-csp-meta',
    transformIndexHtml(html) {
      return html.replace('%CSP%', CONTENT_SECURITY_POLICY);
    },
  };
}

const headers = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export default defineConfig({
  plugins: [svelte(), cspMeta()],
  server: { headers },
  preview: { headers },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
