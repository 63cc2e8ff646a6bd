import { test, expect, openApp } from './fixtures';

// A whole discovery session; the fixture fails the test if any request leaves the page's origin.
test('a full session — demo data, a dropped file, a profile, a query — makes no request to another origin', async ({ page, foreignRequests }) => {
  await openApp(page);
  await page.getByRole('main').getByRole('button', { name: 'Try the demo dataset' }).click();
  await expect(page.getByRole('status', { name: 'Customer view' })).toContainText('20,000 customers', { timeout: 60_000 });

  await page.getByLabel('Add data files').setInputFiles({
    name: 'campaign.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('customer_id,campaign,sent_at\nC0000001,spring,2025-03-01\nC0000002,spring,2025-03-01\n'),
  });
  await expect(page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /^campaign / })).toContainText('2 rows');

  await page.getByRole('tab', { name: 'Profile' }).click();
  await expect(page.getByRole('region', { name: 'Profile of campaign' })).toContainText('2 rows');

  await page.getByLabel('SQL query').fill('SELECT count(*) AS customers, round(sum(revenue)) AS revenue FROM customer_features');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('region', { name: 'Query result' })).toContainText('20,000');
  expect(foreignRequests).toEqual([]);
});
