/**
 * The one place where identifiers and literals become SQL text.
 * Every value that came from a user, a file or a link passes through here.
 */

export class SqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlError';
  }
}

/** A piece of SQL text that is safe to splice: built only by this module. */
export class Sql {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

export type SqlValue = string | number | bigint | boolean | null | Date;

function rejectNul(s: string, what: string): void {
  if (s.includes('\u0000')) throw new SqlError(`${what} contains a NUL character`);
}

/** Double-quoted identifier; embedded quotes doubled. */
export function ident(name: string): Sql {
  if (typeof name !== 'string' || name.length === 0) throw new SqlError('An identifier must be a non-empty string');
  rejectNul(name, 'Identifier');
  return new Sql(`"${name.replace(/"/g, '""')}"`);
}

/** Dotted identifier such as schema.table. */
export function qualified(...parts: string[]): Sql {
  return new Sql(parts.map((p) => ident(p).text).join('.'));
}

/** A literal value. Strings are single-quoted with quotes doubled; numbers must be finite. */
export function literal(value: SqlValue): Sql {
  if (value === null) return new Sql('NULL');
  switch (typeof value) {
    case 'string':
      rejectNul(value, 'Text value');
      return new Sql(`'${value.replace(/'/g, "''")}'`);
    case 'number':
      if (!Number.isFinite(value)) throw new SqlError(`${value} is not a finite number`);
      return new Sql(String(value));
    case 'bigint':
      return new Sql(value.toString());
    case 'boolean':
      return new Sql(value ? 'TRUE' : 'FALSE');
    default:
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new SqlError('Invalid date');
        return new Sql(`TIMESTAMP '${value.toISOString().replace('T', ' ').replace('Z', '')}'`);
      }
      throw new SqlError(`Unsupported literal of type ${typeof value}`);
  }
}

/**
 * Tagged template: `sql\`SELECT * FROM ${ident(t)} WHERE x = ${v}\``.
 * Sql fragments are spliced as they are; every other value becomes a literal.
 */
export function sql(strings: TemplateStringsArray, ...values: (Sql | SqlValue)[]): Sql {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out += (v instanceof Sql ? v.text : literal(v).text) + strings[i + 1];
  }
  return new Sql(out);
}

/** Constant SQL written in this codebase (keywords, type names). Never pass user input. */
export function raw(text: string): Sql {
  return new Sql(text);
}

/** Join fragments with a separator. */
export function join(parts: readonly Sql[], sep = ', '): Sql {
  return new Sql(parts.map((p) => p.text).join(sep));
}

/** Struct/map option such as {'a': 'VARCHAR'} for read_csv(columns=…). */
export function structLiteral(entries: Record<string, SqlValue>): Sql {
  const body = Object.entries(entries)
    .map(([k, v]) => `${literal(k).text}: ${literal(v).text}`)
    .join(', ');
  return new Sql(`{${body}}`);
}

/** A list literal ['a', 'b']. */
export function listLiteral(values: readonly SqlValue[]): Sql {
  return new Sql(`[${values.map((v) => literal(v).text).join(', ')}]`);
}
