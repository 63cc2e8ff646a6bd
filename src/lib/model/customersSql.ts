/**
 * The customers view: everyone seen in activity or listed in a customer table, once, with
 * first_seen (earliest activity or signup) and the customer attributes.
 * A customer table may list a customer twice (dirty exports): attributes are collapsed per id.
 */
import { ident, join, raw, sql, type Sql } from '../sql';
import { columnForRole, type DataModel, type TableMapping } from './datamodel';
import { attributeValueSql, customerAttributes, type CustomerAttribute } from './attributes';
import { timestampSql } from './expressions';
import { ACTIVITY, CUSTOMERS } from './relations';
import { customerKeySql, hasCustomerKey, tableFromSql } from './identitySql';

interface Part {
  table: TableMapping;
  alias: string;
}

/** Attribute slot k within a per-table part. */
const slot = (k: number): Sql => ident(`a${k}`);

/**
 * Per-table attribute values, one row per customer id. In a customer table any non-empty
 * value will do; in an activity table the latest one wins (a customer who moved country).
 */
function partSql(model: DataModel, part: Part, attributes: CustomerAttribute[]): Sql {
  // The customer id column, or the stitched person behind each row.
  const key = customerKeySql(model, part.table);
  if (!key) throw new Error(`unreachable: ${part.table.table} has no customer id`);
  const isActivity = part.table.kind === 'activity';
  const time = isActivity ? columnForRole(part.table, 'occurred_at') : undefined;
  const values: Sql[] = [];
  attributes.forEach((attribute, k) => {
    const source = attribute.sources.find((s) => s.table === part.table);
    if (!source) return;
    const v = attributeValueSql(source.column);
    values.push(time ? sql`arg_max(${v}, ${timestampSql(time)}) FILTER (WHERE ${v} IS NOT NULL) AS ${slot(k)}` : sql`any_value(${v}) AS ${slot(k)}`);
  });
  const columns = join([sql`${key} AS customer_id`, ...values]);
  return sql`${ident(part.alias)} AS MATERIALIZED (SELECT ${columns} FROM ${tableFromSql(model, part.table)} WHERE ${key} IS NOT NULL GROUP BY 1)`;
}

function partsOf(model: DataModel, attributes: CustomerAttribute[]): Part[] {
  const tables = model.tables.filter(
    (t) =>
      hasCustomerKey(model, t) &&
      (t.kind === 'customers' || (t.kind === 'activity' && attributes.some((a) => a.sources.some((s) => s.table === t)))),
  );
  // Customer tables are listed before activity tables: their values take priority.
  tables.sort((a, b) => Number(a.kind === 'activity') - Number(b.kind === 'activity'));
  return tables.map((table, i) => ({ table, alias: `p${i}` }));
}

function attributeValue(attribute: CustomerAttribute, k: number, parts: Part[]): Sql {
  const refs = parts
    .filter((p) => attribute.sources.some((s) => s.table === p.table))
    .map((p) => sql`${ident(p.alias)}.${slot(k)}`);
  return refs.length === 1 ? refs[0] : sql`coalesce(${join(refs)})`;
}

/**
 * Per-customer activity, as the `seen` CTE: customer_id, first_activity_at, and whatever else
 * the caller aggregates (customer_features adds its features, selected through as `columns`).
 */
export interface SeenActivity {
  body: Sql;
  columns: readonly string[];
}

/** What the customers view needs from activity: when each customer was first seen. */
export const FIRST_SEEN: SeenActivity = {
  body: sql`SELECT customer_id, min(occurred_at) AS first_activity_at FROM ${ident(ACTIVITY)} GROUP BY customer_id`,
  columns: [],
};

/**
 * One row per customer seen in activity or listed in a customer table:
 * customer_id, first_seen, the seen columns asked for, then the attributes.
 */
export function customerRowsSql(model: DataModel, seen: SeenActivity): Sql {
  const attributes = customerAttributes(model);
  const parts = partsOf(model, attributes);
  const listed = parts.filter((p) => p.table.kind === 'customers');
  const ctes = [
    // Referenced twice (ids and the join): materialised so the aggregation over activity runs once.
    sql`seen AS MATERIALIZED (${seen.body})`,
    ...parts.map((p) => partSql(model, p, attributes)),
    // Customers come from activity and from customer lists; activity tables' own parts only add
    // attributes (their rows without a readable time are not activity).
    sql`ids AS (${join([raw('SELECT customer_id FROM seen'), ...listed.map((p) => sql`SELECT customer_id FROM ${ident(p.alias)}`)], ' UNION ')})`,
  ];
  const signupIndex = attributes.findIndex((a) => a.role === 'signup_date');
  const signup = signupIndex < 0 ? raw('NULL') : sql`CAST(${attributeValue(attributes[signupIndex], signupIndex, parts)} AS TIMESTAMP)`;
  const joins = parts.map((p) => sql`LEFT JOIN ${ident(p.alias)} ON ${ident(p.alias)}.customer_id = ids.customer_id`);
  const columns = [
    raw('ids.customer_id'),
    sql`least(seen.first_activity_at, ${signup}) AS first_seen`,
    ...seen.columns.map((c) => sql`seen.${ident(c)}`),
    ...attributes.map((a, k) => sql`${attributeValue(a, k, parts)} AS ${ident(a.name)}`),
  ];
  return sql`WITH ${join(ctes, ',\n')}
SELECT ${join(columns, ',\n  ')}
FROM ids LEFT JOIN seen ON seen.customer_id = ids.customer_id
${join(joins, '\n')}`;
}

export function createCustomersSql(model: DataModel): Sql {
  return sql`CREATE OR REPLACE VIEW ${ident(CUSTOMERS)} AS ${customerRowsSql(model, FIRST_SEEN)}`;
}
