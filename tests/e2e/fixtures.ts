/**
 * Shared end-to-end fixture: every page is watched for requests to any origin but its own.
 * A test that lets one through fails, whatever else it checks.
 */
import { test as base, expect, type Locator, type Page, type Request } from '@playwright/test';

export interface Watched {
  page: Page;
  foreignRequests: string[];
}

function isForeign(req: Request, origin: string): boolean {
  const url = req.url();
  if (url.startsWith('data:') || url.startsWith('blob:')) return false;
  try {
    return new URL(url).origin !== origin;
  } catch {
    return true;
  }
}

export const test = base.extend<{ foreignRequests: string[] }>({
  foreignRequests: async ({ context, baseURL }, use) => {
    const origin = new URL(baseURL ?? 'http://localhost:4173').origin;
    const seen: string[] = [];
    // Route catches requests from workers too (context-wide), and refuses them.
    await context.route(
      (url) => url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:',
      (route) => {
        seen.push(route.request().url());
        return route.abort('blockedbyclient');
      },
    );
    context.on('request', (req) => {
      if (isForeign(req, origin) && !seen.includes(req.url())) seen.push(req.url());
    });
    await use(seen);
    expect(seen, 'requests to other origins').toEqual([]);
  },
});

export { expect };

/** Open the app and wait until the engine is ready. */
export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('status', { name: 'Engine status' })).toHaveText(/Engine ready/, { timeout: 60_000 });
}

/** A file for setInputFiles / drop, from text or bytes. */
export function filePayload(name: string, content: string | Buffer, mimeType = 'text/csv') {
  return { name, mimeType, buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content };
}

/** Drop files onto the page the way a person does (a real DragEvent with a DataTransfer). */
export async function dropFiles(page: Page, files: { name: string; content: string | Buffer; type?: string }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.type ?? 'text/csv', bytes: [...(typeof f.content === 'string' ? Buffer.from(f.content) : f.content)] }));
  const dt = await page.evaluateHandle((items) => {
    const transfer = new DataTransfer();
    for (const f of items) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    return transfer;
  }, payload);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
}

/** Switch to the Notebook view. */
export async function toNotebook(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Notebook', exact: true }).click();
}

/** Add a SQL cell, type `sql` into it, and return the cell's name. */
export async function addSqlCell(page: Page, sql: string): Promise<string> {
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: '+ SQL' }).click();
  const editor = page.getByRole('textbox', { name: /^SQL of / }).last();
  const label = (await editor.getAttribute('aria-label'))!.replace('SQL of ', '');
  await editor.click();
  await page.keyboard.insertText(sql);
  return label;
}

/** "12,345 customers (28.2%)": a segment's size as the builder shows it. */
export const SEGMENT_SIZE = /^[\d,]+ customers? \(\d+\.\d%\)$/;

/** A segment size once it has settled (edits are debounced): the same text twice in a row. */
export async function settledSize(size: Locator): Promise<string> {
  await expect(size).toHaveText(SEGMENT_SIZE);
  let last = '';
  await expect
    .poll(async () => {
      const now = (await size.textContent()) ?? '';
      const same = now === last;
      last = now;
      return same && SEGMENT_SIZE.test(now);
    }, { intervals: [700, 700, 700, 700] })
    .toBe(true);
  return last;
}

/** The demo dataset, built into the customer view, then the notebook. */
export async function loadDemo(page: Page): Promise<void> {
  await page.getByRole('main').getByRole('button', { name: 'Try the demo dataset' }).click();
  await expect(page.getByRole('status', { name: 'Customer view' })).toContainText('20,000 customers', { timeout: 90_000 });
  await toNotebook(page);
}
