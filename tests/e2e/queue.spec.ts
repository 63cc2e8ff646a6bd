import { test, expect } from './fixtures';

test('a file dropped while the engine is still starting waits, then loads', async ({ page, context, foreignRequests }) => {
  void foreignRequests;
  // Hold the engine's WebAssembly back for a few seconds, as a slow disk or old laptop would.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await context.route(/duckdb-(eh|mvp)-.*\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  await expect(page.getByRole('status', { name: 'Engine status' })).toHaveText('Engine starting…');
  await page.getByLabel('Add data files').setInputFiles({ name: 'early.csv', mimeType: 'text/csv', buffer: Buffer.from('id,v\n1,2\n3,4\n') });
  await expect(page.getByRole('progressbar', { name: 'Loading early.csv' })).toHaveAttribute('aria-valuetext', 'Waiting for the engine…');
  release();
  await expect(page.getByRole('navigation', { name: 'Tables' })).toContainText('2 rows');
});

test('a file that cannot be read is named in a clear message, and loaded tables stay', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await page.goto('/');
  await page.getByLabel('Add data files').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from('id,v\n1,2\n') });
  const tables = page.getByRole('navigation', { name: 'Tables' });
  await expect(tables).toContainText('good');
  const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  await page.getByLabel('Add data files').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: binary });
  const alert = page.getByRole('alert').filter({ hasText: 'export.csv' });
  await expect(alert).toBeVisible();
  await page.getByLabel('Add data files').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
  await expect(page.getByRole('alert').filter({ hasText: 'empty.csv' })).toContainText(/empty/i);
  await expect(tables.getByRole('button')).toHaveCount(1);
  await expect(tables).toContainText('1 row');
});
