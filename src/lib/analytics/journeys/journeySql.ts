/** Journey queries ready for a Sankey layout, and the customers behind a node. */
import { sql, type Sql } from '../../sql';
import { AnalyticsError } from '../errors';
import type { AnalyticsOptions } from '../scope';
import { parseJourneySpec, type JourneySpecInput } from './spec';
import { journeyCtes, samePathSql } from './stepsSql';

export interface JourneyQueries {
  /** level INTEGER (1…steps), node (unique key in the level), label, kind ('step'|'other'|'start'|'end'), customers. */
  readonly nodes: Sql;
  /** level (of the source), source and target (node keys at level and level + 1), customers. */
  readonly links: Sql;
  /**
   * Both in one query, so the journeys are read once (what a cell runs): part ('node' or
   * 'link'), level, node, label, kind (node rows), source, target (link rows), customers —
   * node rows first, each part in its own query's order.
   */
  readonly both: Sql;
}

const NODE = sql`kind || ':' || label`;

const NODES = sql`SELECT level, ${NODE} AS node, label, kind, CAST(sum(customers) AS BIGINT) AS customers
FROM levels
GROUP BY level, kind, label`;
const NODE_ORDER = sql`level, customers DESC, node`;

const LINKS = sql`SELECT level, source, target, CAST(sum(customers) AS BIGINT) AS customers
FROM (
  SELECT level, customers, ${NODE} AS source, lead(${NODE}) OVER (PARTITION BY path_id ORDER BY level) AS target FROM levels
)
WHERE target IS NOT NULL
GROUP BY level, source, target`;
const LINK_ORDER = sql`level, customers DESC, source, target`;

export function journeySql(spec: JourneySpecInput = {}, options: AnalyticsOptions = {}): JourneyQueries {
  const ctes = journeyCtes(parseJourneySpec(spec), options);
  return {
    nodes: sql`${ctes}
${NODES}
ORDER BY ${NODE_ORDER}`,
    links: sql`${ctes}
${LINKS}
ORDER BY ${LINK_ORDER}`,
    both: sql`${ctes},
node_rows AS (${NODES}),
link_rows AS (${LINKS})
SELECT part, level, node, label, kind, source, target, customers FROM (
  SELECT 1 AS part_order, row_number() OVER (ORDER BY ${NODE_ORDER}) AS n, 'node' AS part, level, node, label, kind,
    CAST(NULL AS VARCHAR) AS source, CAST(NULL AS VARCHAR) AS target, customers
  FROM node_rows
  UNION ALL
  SELECT 2, row_number() OVER (ORDER BY ${LINK_ORDER}), 'link', level, NULL, NULL, NULL, source, target, customers
  FROM link_rows
)
ORDER BY part_order, n`,
  };
}

/** A node of the journey chart: its level and its `node` key from the nodes query. */
export interface JourneyNodeRef {
  readonly level: number;
  readonly node: string;
}

/** customer_id of every customer who passed through the node (to make a segment). */
export function journeyCustomersSql(spec: JourneySpecInput, ref: JourneyNodeRef, options: AnalyticsOptions = {}): Sql {
  const s = parseJourneySpec(spec);
  if (!Number.isInteger(ref.level) || ref.level < 1 || ref.level > s.steps) {
    throw new AnalyticsError(`Level ${ref.level} is not in the journey (levels 1 to ${s.steps}).`, 'Pick a node of the chart.');
  }
  return sql`${journeyCtes(s, options)}
SELECT p.customer_id
FROM journeys p
JOIN paths x ON ${samePathSql(s.steps)}
JOIN levels l ON l.path_id = x.path_id
WHERE l.level = ${ref.level} AND l.${NODE} = ${ref.node}
ORDER BY p.customer_id`;
}
