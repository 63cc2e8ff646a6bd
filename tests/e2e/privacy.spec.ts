import { test, expect, openApp } from './fixtures';

test('the page refuses to fetch from another origin', async ({ page, foreignRequests }) => {
  await openApp(page);
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    try {
      await fetch('https://example.com/collect', { method: 'POST', body: 'rows' });
      return { fetched: true, violations };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
      return { fetched: false, violations };
    }
  });
  expect(outcome.fetched).toBe(false);
  expect(outcome.violations).toContain('connect-src');
  expect(foreignRequests).toEqual([]);
});

test("a read_csv('https://…') query is refused with a clear message", async ({ page, foreignRequests }) => {
  await openApp(page);
  await page.getByLabel('Add data files').setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('a\n1\n') });
  await expect(page.getByRole('navigation', { name: 'Tables' })).toContainText('1 row');
  await page.getByLabel('SQL query').fill("SELECT * FROM read_csv('https://example.com/customers.csv')");
  await page.getByRole('button', { name: 'Run query' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'The query failed' });
  await expect(alert).toContainText('never reaches the network');
  expect(foreignRequests).toEqual([]);
});

test('the Content-Security-Policy is served as a header and as a meta tag', async ({ page, request }) => {
  const res = await request.get('/');
  const header = res.headers()['content-security-policy'];
  expect(header).toContain("connect-src 'self'");
  expect(header).toContain("default-src 'self'");
  await page.goto('/');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(header);
});
