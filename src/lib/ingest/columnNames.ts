/** Header names as they should be: none blank, none repeated. */

export interface NameFix {
  index: number;
  from: string;
  to: string;
}

/**
 * Blank names become column_<position> (1-based, as a person counts columns); a repeated
 * name gets _2, _3… Comparison is case-insensitive because SQL users treat them so.
 */
export function uniqueColumnNames(raw: readonly string[]): { names: string[]; fixes: NameFix[] } {
  const names: string[] = [];
  const fixes: NameFix[] = [];
  const used = new Set<string>();
  const trimmed = raw.map((n) => n.trim());
  // Reserve every non-blank original first, so "a, a, a_2" does not rename the third.
  const originals = new Set(trimmed.filter((n) => n !== '').map((n) => n.toLowerCase()));
  trimmed.forEach((name, i) => {
    let candidate = name === '' ? `column_${i + 1}` : name;
    if (used.has(candidate.toLowerCase()) || (name === '' && originals.has(candidate.toLowerCase()))) {
      const stem = candidate;
      for (let k = 2; ; k++) {
        const c = `${stem}_${k}`;
        if (!used.has(c.toLowerCase()) && !originals.has(c.toLowerCase())) {
          candidate = c;
          break;
        }
      }
    }
    used.add(candidate.toLowerCase());
    names.push(candidate);
    if (candidate !== raw[i]) fixes.push({ index: i, from: raw[i], to: candidate });
  });
  return { names, fixes };
}

/** A short sentence about the fixes, naming at most a few. */
export function describeNameFixes(fixes: readonly NameFix[]): string | null {
  const real = fixes.filter((f) => f.from.trim() !== f.to);
  if (real.length === 0) return null;
  const blank = real.filter((f) => f.from.trim() === '');
  const dup = real.filter((f) => f.from.trim() !== '');
  const parts: string[] = [];
  if (blank.length > 0) {
    parts.push(
      `${blank.length === 1 ? 'a column had no name' : `${blank.length} columns had no name`}; named ${blank
        .slice(0, 4)
        .map((f) => `"${f.to}"`)
        .join(', ')}${blank.length > 4 ? '…' : ''}`,
    );
  }
  if (dup.length > 0) {
    parts.push(
      `repeated column names were made unique: ${dup
        .slice(0, 4)
        .map((f) => `"${f.from.trim()}" → "${f.to}"`)
        .join(', ')}${dup.length > 4 ? '…' : ''}`,
    );
  }
  const s = parts.join('; ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}
