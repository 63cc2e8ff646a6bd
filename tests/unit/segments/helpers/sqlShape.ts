/**
 * What a compiled segment's SQL is allowed to contain, checked token by token: string
 * literals and quoted identifiers are read as the engines read them (PostgreSQL E'…'
 * included) and set aside; every other word must be one the compiler writes itself.
 * User text can only ever appear inside a literal or a quoted identifier.
 */

/** Keywords and function names the segment compiler writes (both dialects). */
const WORDS = new Set(
  [
    'select', 'from', 'where', 'as', 'and', 'or', 'not', 'in', 'is', 'null', 'true', 'false', 'coalesce', 'cast', 'date',
    'timestamp', 'strpos', 'lower', 'count', 'sum', 'avg', 'min', 'max', 'group', 'by', 'having', 'exists', 'between',
    'interval', 'list_contains', 'list_has_any', 'list_has_all', 'len', 'cardinality', 'any', 'array', 'text', 'with',
    'filter', 'c', 'a', 'x', 'y', 'rule_checks', 'customers', 'members', 'e',
  ],
);

export interface SqlShape {
  /** Quoted identifiers, unquoted. */
  identifiers: string[];
  /** String literals, unescaped. */
  literals: string[];
  /** Bare words not in the compiler's vocabulary. */
  strangers: string[];
  /** Statement separators outside literals. */
  semicolons: number;
}

export function sqlShape(text: string): SqlShape {
  const shape: SqlShape = { identifiers: [], literals: [], strangers: [], semicolons: 0 };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "'" || ((ch === 'E' || ch === 'e') && text[i + 1] === "'" && !/[A-Za-z0-9_]/.test(text[i - 1] ?? ''))) {
      const escapes = ch !== "'";
      i += escapes ? 2 : 1;
      let value = '';
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated literal in ${text.slice(0, 200)}`);
        if (escapes && text[i] === '\\') {
          value += text[i + 1];
          i += 2;
        } else if (text[i] === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (text[i] === "'") {
          i++;
          break;
        } else value += text[i++];
      }
      shape.literals.push(value);
    } else if (ch === '"') {
      let j = i + 1;
      let name = '';
      for (;;) {
        if (j >= text.length) throw new Error('unterminated identifier');
        if (text[j] === '"' && text[j + 1] === '"') {
          name += '"';
          j += 2;
        } else if (text[j] === '"') break;
        else name += text[j++];
      }
      shape.identifiers.push(name);
      i = j + 1;
    } else if (/[0-9]/.test(ch)) {
      const m = /^\d+(\.\d+)?(e[+-]?\d+)?/i.exec(text.slice(i));
      i += m ? m[0].length : 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      const word = m ? m[0] : ch;
      if (!WORDS.has(word.toLowerCase())) shape.strangers.push(word);
      i += word.length;
    } else {
      if (ch === ';') shape.semicolons++;
      if (ch === '-' && text[i + 1] === '-') shape.strangers.push('--');
      if (ch === '/' && text[i + 1] === '*') shape.strangers.push('/*');
      i++;
    }
  }
  return shape;
}
