/**
 * The Content-Security-Policy that keeps data in the browser: nothing may be fetched from,
 * or sent to, any origin but the page's own. Used in index.html (meta) and as a response
 * header by the dev and preview servers, because workers take their policy from their own response.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  // Svelte transitions and chart libraries set styles at run time; styles cannot carry data out
  // because every fetching directive above is 'self'.
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');
