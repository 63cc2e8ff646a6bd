import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/ui/markdown';

describe('note cells render markdown safely', () => {
  it('renders headings, emphasis, lists and tables', () => {
    const html = renderMarkdown('# Who buys\n\n*Champions* spend **most**.\n\n- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |');
    expect(html).toContain('<h1>Who buys</h1>');
    expect(html).toContain('<em>Champions</em>');
    expect(html).toContain('<li>a</li>');
    expect(html).toContain('<table>');
  });
  it('shows raw HTML and scripts as text, and drops javascript: links', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1))');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('href="javascript:');
  });
});
