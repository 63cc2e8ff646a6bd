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
}

const NODE = sql`kind || ':' || label`;

export function journeySql(spec: JourneySpecInput = {}, options: AnalyticsOptions = {}): JourneyQueries {
  const ctes = journeyCtes(parseJourneySpec(spec), options);
  return {
    nodes: sql`${ctes}
SELECT level, ${NODE} AS node, label, kind, CAST(sum(customers) AS BIGINT) AS customers
FROM levels
GROUP BY level, kind, label
ORDER BY level, customers DESC, node`,
    links: sql`${ctes}
SELECT level, source, target, CAST(sum(customers) AS BIGINT) AS customers
FROM (
  SELECT level, customers, ${NODE} AS source, lead(${NODE}) OVER (PARTITION BY path_id ORDER BY level) AS target FROM levels
)
WHERE target IS NOT NULL
GROUP BY level, source, target
ORDER BY level, customers DESC, source, target`,
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
