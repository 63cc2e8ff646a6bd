import { describe, expect, it } from 'vitest';
import { lockNetwork, type LockableScope } from '../../src/lib/engine/networkLock';

function fakeScope() {
  const fetched: string[] = [];
  const opened: string[] = [];
  class FakeXhr {
    open(_method: string, url: string) {
      opened.push(url);
    }
  }
  const scope = {
    location: { origin: 'http://localhost:4173', href: 'http://localhost:4173/assets/engine.worker.js' },
    fetch: (async (input: RequestInfo | URL) => {
      fetched.push(String(input));
      return new Response('ok');
    }) as typeof fetch,
    XMLHttpRequest: FakeXhr as unknown as typeof XMLHttpRequest,
    navigator: { sendBeacon: () => true },
  } satisfies LockableScope;
  return { scope, fetched, opened };
}

describe('network lock', () => {
  it('lets same-origin, blob and data requests through', async () => {
    const { scope, fetched, opened } = fakeScope();
    lockNetwork(scope);
    await scope.fetch('/assets/duckdb-eh.wasm');
    await scope.fetch('blob:http://localhost:4173/abc');
    new scope.XMLHttpRequest().open('GET', 'http://localhost:4173/x.csv');
    expect(fetched).toEqual(['/assets/duckdb-eh.wasm', 'blob:http://localhost:4173/abc']);
    expect(opened).toEqual(['http://localhost:4173/x.csv']);
  });
  it('refuses every other origin, by fetch, XHR and beacon', async () => {
    const { scope, fetched, opened } = fakeScope();
    lockNetwork(scope);
    await expect(scope.fetch('https://example.com/c.csv')).rejects.toThrow(/never reaches the network/);
    expect(() => new scope.XMLHttpRequest().open('HEAD', 'https://example.com/c.csv')).toThrow(/never reaches the network/);
    expect(() => new scope.XMLHttpRequest().open('GET', 'http://localhost:9999/')).toThrow(/never reaches the network/);
    expect(scope.navigator.sendBeacon()).toBe(false);
    expect(fetched).toEqual([]);
    expect(opened).toEqual([]);
  });
  it('is self-contained, so its source can be prepended to a worker script', () => {
    const { scope } = fakeScope();
    const rebuilt = new Function(`return (${lockNetwork.toString()})`)() as typeof lockNetwork;
    rebuilt(scope);
    return expect(scope.fetch('https://example.com')).rejects.toThrow(/never reaches/);
  });
});
