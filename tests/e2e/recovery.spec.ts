import { test, expect, openApp } from './fixtures';

test('when the engine dies the person is told, it restarts, and loaded files come back', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  await page.getByLabel('Add data files').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from('customer_id,amount\nA,1\nB,2\nC,3\n') });
  const tables = page.getByRole('navigation', { name: 'Tables' });
  await expect(tables).toContainText('3 rows');

  await page.evaluate(() => (globalThis as unknown as { __arkwright: { workspace: { engine: { simulateCrash(): void } } } }).__arkwright.workspace.engine.simulateCrash());

  await expect(page.getByRole('status').filter({ hasText: 'The engine stopped and is restarting' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Engine restarted: 1 table loaded again' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Engine status' })).toHaveText(/Engine ready/);
  // The table is really back in the new engine, not just in the list.
  await page.getByLabel('SQL query').fill('SELECT sum(amount) AS total FROM orders');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('region', { name: 'Query result' })).toContainText('6');
});
