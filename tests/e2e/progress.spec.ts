import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, openApp } from './fixtures';

test('a large CSV shows how many bytes have been read while it loads', async ({ page, foreignRequests }) => {
  void foreignRequests;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'arkwright-progress-')), 'big_orders.csv');
  const lines = ['order_id,customer_id,ordered_at,amount'];
  for (let i = 0; i < 2_500_000; i++) lines.push(`O${i},C${i % 90001},2024-0${1 + (i % 9)}-1${i % 10} 10:00:00,${(i % 997) / 10}`);
  writeFileSync(file, lines.join('\n') + '\n');
  await openApp(page);
  await page.getByLabel('Add data files').setInputFiles(file);
  const bar = page.getByRole('progressbar', { name: 'Loading big_orders.csv' });
  const seen = new Set<string>();
  // Sample the bar until it goes away; a partial value proves progress was reported.
  while ((await bar.count()) > 0) {
    const text = await bar.getAttribute('aria-valuetext', { timeout: 1000 }).catch(() => null);
    if (text) seen.add(text);
    await page.waitForTimeout(100);
  }
  await expect(page.getByRole('navigation', { name: 'Tables' })).toContainText('2,500,000 rows');
  expect([...seen].some((t) => /MB of \d+(\.\d)? MB/.test(t)), `progress texts seen: ${[...seen].join(' | ')}`).toBe(true);
});
