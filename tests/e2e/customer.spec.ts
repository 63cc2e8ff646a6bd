import { test, expect, openApp, addSqlCell, settledSize } from './fixtures';
import type { Locator, Page } from '@playwright/test';

function nav(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true });
}

test('find a customer by email with the keyboard; their page: attributes, timeline, segments, P(alive) history; open one from a grid and from a link', async ({ page, foreignRequests }) => {
  void foreignRequests;
  test.setTimeout(300_000);
  await openApp(page);
  await page.getByRole('main').getByRole('button', { name: 'Try the demo dataset' }).click();
  await expect(page.getByRole('status', { name: 'Customer view' })).toContainText('20,000 customers', { timeout: 90_000 });

  // A repeat buyer with several kinds of activity, to look for.
  const [target] = (await page.evaluate(() => {
    const handle = (globalThis as unknown as { __arkwright: { workspace: { engine: { queryRows(sql: string): Promise<Record<string, unknown>[]> } } } }).__arkwright;
    return handle.workspace.engine.queryRows(
      `SELECT f.customer_id, f.email, f.first_name, f.last_name FROM customer_features f
       WHERE f.orders >= 3 AND f.email IS NOT NULL AND (SELECT count(DISTINCT event) FROM activity a WHERE a.customer_id = f.customer_id) >= 3
       ORDER BY f.customer_id LIMIT 1`,
    );
  })) as { customer_id: string; email: string; first_name: string; last_name: string }[];
  expect(target).toBeTruthy();

  // A saved segment that contains them: repeat buyers (orders ≥ 2).
  await nav(page, 'Notebook').click();
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: '+ Segment' }).click();
  const cell = page.locator('[data-cell]').last();
  await cell.getByLabel('Segment name').fill('Repeat buyers');
  await cell.getByLabel('Segment name').press('Tab');
  await cell.getByRole('button', { name: 'Add rule to top group' }).click();
  await cell.getByLabel('Rule 1 (Orders): what').selectOption('f:orders');
  await cell.getByLabel('Rule 1 (Orders): operator').selectOption('>=');
  const value = cell.getByLabel(/^Rule 1 \(.*\): value$/);
  await value.fill('2');
  await value.press('Tab');
  await settledSize(cell.getByRole('status', { name: 'Segment size' }));

  // Customers → type part of the email → pick the suggestion with the keyboard.
  await nav(page, 'Customers').click();
  const box = page.getByRole('combobox', { name: 'Find a customer' });
  await box.click();
  const part = target.email.slice(0, target.email.indexOf('@') + 1);
  await page.keyboard.type(part, { delay: 20 });
  const list = page.getByRole('listbox', { name: 'Matching customers' });
  await expect(list).toBeVisible();
  const option = list.getByRole('option', { name: new RegExp(target.email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  await expect(option).toBeVisible();
  const options = await list.getByRole('option').allTextContents();
  const index = options.findIndex((t) => t.includes(target.email));
  expect(index).toBeGreaterThanOrEqual(0);
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  for (let i = 0; i < index; i++) await box.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!);
  await box.press('Enter');
  await expect(list).toBeHidden();

  // The page: who, attributes, figures, flags' rules.
  const article = page.getByRole('article', { name: `${target.first_name} ${target.last_name}` });
  await expect(article).toBeVisible();
  await expect(article.getByRole('heading', { level: 2 })).toHaveText(`${target.first_name} ${target.last_name}`);
  const attributes = article.getByRole('region', { name: 'Attributes' });
  await expect(attributes).toContainText(target.email);
  await expect(attributes).toContainText('loyalty_tier');
  const figures = article.getByRole('region', { name: 'Key figures' });
  await expect(figures).toContainText('Orders');
  await expect(figures).toContainText('Average order value');
  // A repeat buyer has a stage; the rule is stated next to it.
  await expect(article.getByLabel('Lifecycle stage')).toHaveText(/^(New|Active|Returning|At risk|Lapsed)$/);
  await expect(article).toContainText('at risk after 90 days without a purchase');
  await article.getByText('How flags are decided').click();
  await expect(article).toContainText('Returned at least 3 orders');

  // The timeline: newest first, orders with their lines, filterable.
  const timeline = article.getByRole('list', { name: 'Activity, newest first' });
  await expect(timeline.locator(':scope > li').first()).toBeVisible();
  const times = await timeline.locator(':scope > li time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
  expect(times.length).toBeGreaterThan(2);
  expect([...times].sort().reverse()).toEqual(times);
  await expect(timeline.getByRole('list', { name: /^Lines of order/ }).first()).toBeVisible();
  const events = article.getByRole('group', { name: 'Events' });
  await events.getByRole('checkbox', { name: /^Order/ }).uncheck();
  await expect(timeline.getByText('Order', { exact: true })).toHaveCount(0);
  await events.getByRole('checkbox', { name: /^Order/ }).check();
  await expect(timeline.getByText('Order', { exact: true }).first()).toBeVisible();

  // The saved segments it belongs to.
  await expect(article.getByRole('list', { name: 'Segments this customer belongs to' })).toContainText('Repeat buyers');

  // Before a model: where P(alive) will come from. Then fit one and see its history.
  await expect(article).toContainText('appear once a lifetime value cell has run');
  await nav(page, 'Notebook').click();
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: '+ Lifetime value' }).click();
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Model parameters', exact: true })).toBeVisible({ timeout: 120_000 });

  // A customer id in a notebook SQL cell's result grid opens that customer's page.
  const sqlName = await addSqlCell(page, `SELECT customer_id, orders, revenue FROM customer_features WHERE customer_id = '${target.customer_id.replace(/'/g, "''")}'`);
  await page.keyboard.press('Control+Enter');
  const grid = page.getByRole('grid', { name: `Result of ${sqlName}` });
  await grid.getByRole('button', { name: `Open customer ${target.customer_id}` }).click();
  await expect(nav(page, 'Customers')).toHaveAttribute('aria-current', 'page');
  const again = page.getByRole('article', { name: `${target.first_name} ${target.last_name}` });
  await expect(again).toBeVisible();
  await expect(again.getByRole('region', { name: 'Segment and value' })).toContainText('P(alive)');
  await expect(again.getByRole('img', { name: /^P\(alive\) of .* at the as-of date/ })).toBeVisible();
  await expect(again.getByRole('button', { name: 'Export PNG of History of P(alive)' })).toBeEnabled();

  // Another customer from a #customer= link (only the id travels).
  const [other] = (await page.evaluate(() => {
    const handle = (globalThis as unknown as { __arkwright: { workspace: { engine: { queryRows(sql: string): Promise<Record<string, unknown>[]> } } } }).__arkwright;
    return handle.workspace.engine.queryRows('SELECT customer_id, first_name, last_name FROM customer_features ORDER BY customer_id DESC LIMIT 1');
  })) as { customer_id: string; first_name: string; last_name: string }[];
  await nav(page, 'Data').click();
  await page.evaluate((id) => (location.hash = `#customer=${encodeURIComponent(id)}`), other.customer_id);
  await expect(page.getByRole('article', { name: `${other.first_name} ${other.last_name}` })).toBeVisible();
  await expect(page).not.toHaveURL(/#customer=/);
  await expect(page.getByText('The link carries only the customer id')).toBeVisible();

  // Opened with the link in a new page load: the page shows once the kept data is back.
  await page.waitForTimeout(800); // the notebook autosave is debounced
  await page.goto(`/#customer=${encodeURIComponent(target.customer_id)}`);
  await expect(nav(page, 'Customers')).toHaveAttribute('aria-current', 'page', { timeout: 60_000 });
  await expect(page.getByRole('article', { name: `${target.first_name} ${target.last_name}` })).toBeVisible({ timeout: 120_000 });
});
