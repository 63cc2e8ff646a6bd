/**
 * A small SQL tokenizer (DuckDB lexical rules): enough to find statement boundaries and the
 * names a query mentions without being fooled by strings, comments or quoted identifiers.
 * It never throws: an unterminated string or comment runs to the end of the text.
 */

export type TokenType = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct';

export interface Token {
  type: TokenType;
  /** word: lower-cased; quoted: the name with "" undoubled; string: the raw text; punct: the character(s). */
  value: string;
  start: number;
  end: number;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DIGIT = /[0-9]/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  const push = (type: TokenType, value: string, start: number): void => {
    tokens.push({ type, value, start, end: i });
  };
  while (i < n) {
    const ch = text[i];
    const start = i;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && text[i + 1] === '-') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
    } else if (ch === '/' && text[i + 1] === '*') {
      i = skipBlockComment(text, i);
    } else if (ch === "'") {
      i = skipQuoted(text, i, "'", false);
      push('string', text.slice(start, i), start);
    } else if ((ch === 'e' || ch === 'E') && text[i + 1] === "'") {
      // E'…' strings allow backslash escapes: E'it\'s' is one string.
      i = skipQuoted(text, i + 1, "'", true);
      push('string', text.slice(start, i), start);
    } else if (ch === '"') {
      i = skipQuoted(text, i, '"', false);
      const closed = i - start >= 2 && text[i - 1] === '"';
      push('quoted', text.slice(start + 1, closed ? i - 1 : i).replace(/""/g, '"'), start);
    } else if (ch === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 66));
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
        push('string', text.slice(start, i), start);
      } else {
        i++;
        while (i < n && DIGIT.test(text[i])) i++;
        push('param', text.slice(start, i), start);
      }
    } else if (DIGIT.test(ch) || (ch === '.' && DIGIT.test(text[i + 1] ?? ''))) {
      i++;
      while (i < n && /[0-9A-Za-z_.]/.test(text[i])) {
        // 1e-5: the sign belongs to the exponent.
        if (/[eE]/.test(text[i]) && /[+-]/.test(text[i + 1] ?? '')) i++;
        i++;
      }
      push('number', text.slice(start, i), start);
    } else if (WORD_START.test(ch)) {
      while (i < n && WORD_PART.test(text[i])) i++;
      push('word', text.slice(start, i).toLowerCase(), start);
    } else if (ch === ':' && text[i + 1] === ':') {
      i += 2;
      push('punct', '::', start);
    } else {
      i++;
      push('punct', ch, start);
    }
  }
  return tokens;
}

/** Index just past a quoted run starting at `i` (the opening quote); a doubled quote is an escaped one. */
function skipQuoted(text: string, i: number, quote: string, backslash: boolean): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (backslash && c === '\\') {
      j += 2;
    } else if (c === quote) {
      if (text[j + 1] === quote) j += 2;
      else return j + 1;
    } else {
      j++;
    }
  }
  return text.length;
}

/** Block comments nest in DuckDB (as in PostgreSQL): /* a /* b *\/ c *\/ is one comment. */
function skipBlockComment(text: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    if (text[j] === '/' && text[j + 1] === '*') {
      depth++;
      j += 2;
    } else if (text[j] === '*' && text[j + 1] === '/') {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else {
      j++;
    }
  }
  return text.length;
}

/** Tokens split at top-level `;` (empty statements dropped). */
export function splitStatements(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const t of tokens) {
    if (t.type === 'punct' && t.value === ';') out.push([]);
    else out[out.length - 1].push(t);
  }
  return out.filter((s) => s.length > 0);
}
