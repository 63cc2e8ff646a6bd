import { test, expect, openApp, addSqlCell, toNotebook } from './fixtures';

test('write a query, run it with Ctrl+Enter, see rows; reload and find cells, data and results back', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  await page.getByLabel('Add data files').setInputFiles({
    name: 'orders.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('customer_id,amount\nA,10\nB,20\nA,5\nC,1\n'),
  });
  await expect(page.getByRole('navigation', { name: 'Tables' })).toContainText('4 rows');
  await toNotebook(page);
  const name = await addSqlCell(page, 'SELECT customer_id, sum(amount) AS revenue FROM orders GROUP BY 1 ORDER BY 2 DESC');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status', { name: `Status of ${name}` })).toContainText('3 rows');
  const grid = page.getByRole('grid', { name: `Result of ${name}` });
  await expect(grid.getByRole('row').nth(1)).toContainText('B');
  await expect(grid.getByRole('row').nth(1)).toContainText('20');
  await expect(grid.getByRole('row').nth(2)).toContainText('15');

  // A second cell reads the first one's result by name.
  const second = await addSqlCell(page, `SELECT count(*) AS n FROM ${name}`);
  await page.getByRole('button', { name: `Run ${second}`, exact: true }).click();
  await expect(page.getByRole('grid', { name: `Result of ${second}` })).toContainText('3');

  await page.waitForTimeout(800); // autosave is debounced
  await page.reload();
  await expect(page.getByRole('status', { name: 'Engine status' })).toHaveText(/Engine ready/, { timeout: 60_000 });
  await expect(page.getByRole('navigation', { name: 'Tables' })).toContainText('4 rows');
  await expect(page.getByRole('textbox', { name: `SQL of ${name}` })).toContainText('GROUP BY 1');
  await expect(page.getByRole('grid', { name: `Result of ${name}` })).toContainText('15');
  await expect(page.getByRole('grid', { name: `Result of ${second}` })).toContainText('3');
});

test('cells: duplicate, move, rename, delete with undo; an upstream change marks dependants stale; Run all stops at an error', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  await toNotebook(page);
  const a = await addSqlCell(page, 'SELECT 42 AS answer');
  await page.getByRole('button', { name: `Rename ${a}` }).click();
  await page.getByLabel(`New name for ${a}`).fill('base');
  await page.getByLabel(`New name for ${a}`).press('Enter');
  await expect(page.getByRole('article', { name: 'Cell base' })).toBeVisible();
  const b = await addSqlCell(page, 'SELECT answer + 1 AS next FROM base');
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect(page.getByRole('status', { name: `Status of ${b}`, exact: true })).toContainText('Done');

  // Editing base makes b stale.
  await page.getByRole('textbox', { name: 'SQL of base' }).click();
  await page.keyboard.press('End');
  await page.keyboard.insertText(' ');
  await expect(page.getByRole('status', { name: `Status of ${b}`, exact: true })).toContainText('Stale');

  await page.getByRole('button', { name: `Duplicate ${b}`, exact: true }).click();
  await expect(page.getByRole('article')).toHaveCount(3);
  await page.getByRole('button', { name: `Move ${b} up`, exact: true }).click();
  await expect(page.getByRole('article').first()).toHaveAccessibleName(`Cell ${b}`);
  await page.getByRole('button', { name: `Delete ${b}`, exact: true }).click();
  await expect(page.getByRole('article')).toHaveCount(2);
  await page.getByRole('button', { name: 'Undo delete' }).click();
  await expect(page.getByRole('article')).toHaveCount(3);
  await expect(page.getByRole('article').first()).toHaveAccessibleName(`Cell ${b}`);

  // b now sits before base but reads it; an error in a cell stops Run all there.
  const bad = await addSqlCell(page, 'SELECT * FROM no_such_table');
  const after = await addSqlCell(page, 'SELECT 1 AS one');
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect(page.getByRole('status', { name: `Status of ${bad}` })).toHaveText('Error');
  await expect(page.getByRole('alert').filter({ hasText: `${bad} failed` })).toContainText('no_such_table');
  await expect(page.getByRole('status', { name: `Status of ${after}` })).toHaveText('Not run yet');
});

test('a 1,000,000-row result scrolls with a bounded number of rows in the page', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  await toNotebook(page);
  const name = await addSqlCell(page, "SELECT range AS n, 'customer ' || range AS label FROM range(1000000)");
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status', { name: `Status of ${name}` })).toContainText('1,000,000 rows', { timeout: 60_000 });
  const grid = page.getByRole('grid', { name: `Result of ${name}` });
  await expect(grid.getByRole('row').nth(1)).toContainText('customer 0');
  for (const top of [500_000 * 30, 999_990 * 30]) {
    await grid.evaluate((el, y) => el.scrollTo(0, y), top);
    const expected = `customer ${Math.floor(top / 30)}`;
    await expect(grid.getByText(expected, { exact: true })).toBeVisible();
    const rows = await grid.getByRole('row').count();
    expect(rows).toBeLessThan(60);
  }
  // Sorting asks the engine, not the page: the largest n comes first.
  await grid.evaluate((el) => el.scrollTo(0, 0));
  await grid.getByRole('columnheader', { name: /^n/ }).getByRole('button').click();
  await grid.getByRole('columnheader', { name: /^n/ }).getByRole('button').click();
  await expect(grid.getByRole('row').nth(1)).toContainText('999,999');
});

test('the keyboard-shortcut panel lists how to run cells; Shift+Enter runs and moves to a new cell', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  await toNotebook(page);
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Run the cell');
  await expect(help).toContainText('Shift+Enter');
  await help.getByRole('button', { name: 'Close keyboard shortcuts' }).click();
  const name = await addSqlCell(page, 'SELECT 7 AS seven');
  await page.keyboard.press('Shift+Enter');
  await expect(page.getByRole('grid', { name: `Result of ${name}` })).toContainText('7');
  await expect(page.getByRole('article')).toHaveCount(2);
});
