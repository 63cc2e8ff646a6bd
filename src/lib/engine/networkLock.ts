/**
 * A second lock behind the Content-Security-Policy: inside our workers, every way of reaching
 * the network is replaced by one that refuses any origin but the page's own. Chromium did not
 * apply a nested worker's CSP header to its XMLHttpRequests (measured: DuckDB-WASM's
 * read_csv('https://…') went out from the DuckDB worker despite connect-src 'self'), so the
 * guarantee cannot rest on the policy alone.
 *
 * The function is self-contained (no outside references) because its source text is also
 * prepended to DuckDB's classic worker script (see `lockedWorkerUrl`).
 */

export interface LockableScope {
  location: { origin: string; href: string };
  fetch?: typeof fetch;
  XMLHttpRequest?: typeof XMLHttpRequest;
  WebSocket?: typeof WebSocket;
  EventSource?: typeof EventSource;
  navigator?: { sendBeacon?: (url: string | URL, data?: BodyInit | null) => boolean };
}

export const NETWORK_REFUSED = 'Arkwright never reaches the network';

export function lockNetwork(scope: LockableScope): void {
  const origin = scope.location.origin;
  const base = scope.location.href;
  const allowed = (url: string | URL): boolean => {
    let u: URL;
    try {
      u = new URL(String(url), base);
    } catch {
      return false;
    }
    return u.protocol === 'blob:' || u.protocol === 'data:' || u.origin === origin;
  };
  const refusal = (url: string | URL): TypeError =>
    new TypeError(`Arkwright never reaches the network: the request to ${String(url)} was blocked so that no data leaves this browser.`);

  const originalFetch = scope.fetch?.bind(scope);
  if (originalFetch) {
    scope.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' || input instanceof URL ? input : input.url;
      return allowed(url) ? originalFetch(input, init) : Promise.reject(refusal(url));
    };
  }
  const xhr = scope.XMLHttpRequest?.prototype;
  if (xhr) {
    const open = xhr.open as (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) => void;
    xhr.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
      if (!allowed(url)) throw refusal(url);
      open.call(this, method, url, ...rest);
    } as typeof xhr.open;
  }
  if (scope.WebSocket) {
    scope.WebSocket = function (url: string | URL) {
      throw refusal(url);
    } as unknown as typeof WebSocket;
  }
  if (scope.EventSource) {
    scope.EventSource = function (url: string | URL) {
      throw refusal(url);
    } as unknown as typeof EventSource;
  }
  if (scope.navigator?.sendBeacon) scope.navigator.sendBeacon = () => false;
}

