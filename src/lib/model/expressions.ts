/**
 * One source column as a canonical value: the casts that let tables exported by different
 * systems union into one activity view (int and text ids, DATE and TIMESTAMP, text numbers).
 */
import { ident, join, raw, sql, type Sql } from '../sql';
import { typeFamily } from '../engine/schema';
import { columnForRole, type ColumnMapping, type TableMapping } from './datamodel';

export const NULL_SQL: Sql = raw('NULL');

/**
 * An identifier (customer id, order id) as text. Whole numbers stored as DOUBLE print as
 * '17850', not '17850.0', so they still match the same id held as an integer elsewhere.
 */
export function keySql(m: ColumnMapping): Sql {
  const c = ident(m.column);
  switch (typeFamily(m.type)) {
    case 'text':
      return m.tidy ? sql`CAST(${c} AS VARCHAR)` : trimmedSql(sql`CAST(${c} AS VARCHAR)`);
    case 'number':
      // Bounded so a stray 1e40 prints as a number instead of failing the cast.
      return sql`CASE WHEN ${c} = trunc(${c}) AND abs(${c}) < 1e18 THEN CAST(CAST(${c} AS BIGINT) AS VARCHAR) ELSE CAST(${c} AS VARCHAR) END`;
    default:
      return sql`CAST(${c} AS VARCHAR)`;
  }
}

/** A date or time as TIMESTAMP; NULL where it cannot be read. */
export function timestampSql(m: ColumnMapping): Sql {
  const c = ident(m.column);
  if (m.format === 'yyyymmdd') return sql`try_strptime(CAST(${c} AS VARCHAR), '%Y%m%d')`;
  switch (typeFamily(m.type)) {
    case 'date':
    case 'timestamp':
      return sql`CAST(${c} AS TIMESTAMP)`;
    default:
      return sql`TRY_CAST(${c} AS TIMESTAMP)`;
  }
}

export function dateSql(m: ColumnMapping): Sql {
  return sql`CAST(${timestampSql(m)} AS DATE)`;
}

/** A number as DOUBLE; text that is not a number becomes NULL. */
export function numberSql(m: ColumnMapping): Sql {
  const c = ident(m.column);
  const family = typeFamily(m.type);
  return family === 'integer' || family === 'number' ? sql`CAST(${c} AS DOUBLE)` : sql`TRY_CAST(${c} AS DOUBLE)`;
}

/** A label (channel, product, category, email…) as text; blanks become NULL. */
export function textSql(m: ColumnMapping): Sql {
  if (typeFamily(m.type) === 'number') return keySql(m);
  return m.tidy && typeFamily(m.type) === 'text' ? sql`CAST(${ident(m.column)} AS VARCHAR)` : trimmedSql(sql`CAST(${ident(m.column)} AS VARCHAR)`);
}

/**
 * Text without surrounding spaces, blank as NULL. trim() is slow on millions of rows in
 * WebAssembly (about 0.3 µs a value), so only values that start or end with a space pay it.
 */
export function trimmedSql(text: Sql): Sql {
  return sql`CASE WHEN starts_with(${text}, ' ') OR ends_with(${text}, ' ') THEN NULLIF(trim(${text}), '') ELSE NULLIF(${text}, '') END`;
}

/**
 * The amount of one activity row: the amount column, or quantity × unit price less the
 * discount when the export has those instead (returns then come out negative from a
 * negative quantity). NULL when the table has neither (an event log).
 */
export function amountSql(table: TableMapping): Sql {
  const amount = columnForRole(table, 'amount');
  if (amount) return numberSql(amount);
  const price = columnForRole(table, 'unit_price');
  if (!price) return NULL_SQL;
  const quantity = columnForRole(table, 'quantity');
  const gross = quantity ? sql`${numberSql(quantity)} * ${numberSql(price)}` : numberSql(price);
  const discount = columnForRole(table, 'discount');
  if (!discount) return gross;
  const d = sql`coalesce(${numberSql(discount)}, 0)`;
  switch (discount.discount ?? 'amount') {
    case 'rate':
      return sql`${gross} * (1 - ${d})`;
    case 'percent':
      return sql`${gross} * (1 - ${d} / 100)`;
    default:
      // An amount off the line: it reduces a sale and, on a returned line, the refund.
      return sql`(${gross} - sign(${gross}) * ${d})`;
  }
}

/** Words exports use for a purchase or a return, folded into the model's two words. */
export const PURCHASE_WORDS = ['purchase', 'purchased', 'order', 'ordered', 'order_placed', 'sale', 'sales', 'buy', 'transaction'];
export const RETURN_WORDS = ['return', 'returned', 'refund', 'refunded'];

/** A raw event name as compared: lower case, no surrounding spaces. */
export function eventNameSql(rawEvent: Sql): Sql {
  return sql`lower(${trimmedSql(sql`CAST(${rawEvent} AS VARCHAR)`)})`;
}

/**
 * The canonical event from an event name (already through eventNameSql) and the row's
 * amount: purchase and return synonyms folded, and a purchase with a negative amount is a
 * return.
 */
export function eventSql(name: Sql, amount: Sql): Sql {
  const purchases = join(PURCHASE_WORDS.map((w) => sql`${w}`));
  const returns = join(RETURN_WORDS.map((w) => sql`${w}`));
  return sql`CASE WHEN ${name} IN (${purchases}) THEN CASE WHEN ${amount} < 0 THEN 'return' ELSE 'purchase' END WHEN ${name} IN (${returns}) THEN 'return' ELSE ${name} END`;
}
