/**
 * Validate a chart spec against the source's columns and decide how each axis is grouped.
 * Both the SQL compiler and the vega-lite builder start from this plan, so they always agree.
 */
import { typeFamily, type ColumnInfo, type TypeFamily } from '../engine/schema';
import { ChartSpecError } from './errors';
import {
  CHART_AGGREGATES,
  CHART_MARKS,
  HEATMAP_BINS,
  HISTOGRAM_BINS,
  TIME_BINS,
  type ChartAggregate,
  type ChartMark,
  type ChartSpec,
  type TimeBin,
} from './spec';

/** How one axis groups rows. */
export type Dimension =
  | { kind: 'category'; field: string; family: TypeFamily }
  | { kind: 'time'; field: string; family: TypeFamily; bin: TimeBin }
  /** Exact numeric values on a continuous axis (capped by LIMIT). */
  | { kind: 'number'; field: string; family: TypeFamily }
  /** Numeric bins computed in SQL from min/max. */
  | { kind: 'bins'; field: string; family: TypeFamily; target: number };

export interface Measure {
  aggregate: ChartAggregate;
  /** Absent for count: rows are counted. */
  field?: string;
}

export interface ChartPlan {
  source: string;
  mark: ChartMark;
  x: Dimension;
  /** Heatmap only: the second dimension. */
  y?: Dimension;
  measure: Measure;
  color?: { field: string; family: TypeFamily };
}

const CATEGORY_FAMILIES: readonly TypeFamily[] = ['text', 'boolean'];
const NUMERIC_FAMILIES: readonly TypeFamily[] = ['integer', 'number'];
const TIME_FAMILIES: readonly TypeFamily[] = ['date', 'timestamp'];
/** Integers make readable colour groups (a cohort year, a store number). */
const COLOR_FAMILIES: readonly TypeFamily[] = ['text', 'boolean', 'integer'];

export const isCategoryFamily = (f: TypeFamily): boolean => CATEGORY_FAMILIES.includes(f);
export const isNumericFamily = (f: TypeFamily): boolean => NUMERIC_FAMILIES.includes(f);
export const isTimeFamily = (f: TypeFamily): boolean => TIME_FAMILIES.includes(f);
export const isColorFamily = (f: TypeFamily): boolean => COLOR_FAMILIES.includes(f);

const PICK_HINT = 'Pick a field from the list; the source may have changed since the chart was made.';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function columnFamily(columns: readonly ColumnInfo[], field: unknown, path: string, source: string): TypeFamily {
  if (typeof field !== 'string' || field === '') {
    throw new ChartSpecError('missing-field', path, `Choose a field for ${axisName(path)}.`, PICK_HINT);
  }
  const col = columns.find((c) => c.name === field);
  if (!col) {
    throw new ChartSpecError('unknown-field', path, `"${source}" has no column named "${field}".`, PICK_HINT);
  }
  return typeFamily(col.type);
}

function axisName(path: string): string {
  return path === 'color' ? 'the colour' : `the ${path.toUpperCase()} axis`;
}

function wrongType(path: string, field: string, family: TypeFamily, wanted: string): ChartSpecError {
  return new ChartSpecError(
    'wrong-type',
    path,
    `"${field}" is ${family === 'other' ? 'not a simple value' : `a ${family} column`}; ${axisName(path)} needs ${wanted}.`,
    'Pick another field, or convert the column in a SQL cell first.',
  );
}

function checkShape(spec: unknown): asserts spec is ChartSpec {
  if (!isObject(spec)) throw new ChartSpecError('bad-shape', '', 'The chart definition is not an object.', 'Recreate the chart.');
  if (typeof spec.source !== 'string' || spec.source.trim() === '') {
    throw new ChartSpecError('missing-source', 'source', 'Choose a source for the chart.', 'Pick a table, view or cell result.');
  }
  if (!CHART_MARKS.includes(spec.mark as ChartMark)) {
    throw new ChartSpecError('bad-shape', 'mark', `"${String(spec.mark)}" is not a chart type.`, `Use one of: ${CHART_MARKS.join(', ')}.`);
  }
  for (const key of ['x', 'y', 'color'] as const) {
    if (spec[key] !== undefined && !isObject(spec[key])) {
      throw new ChartSpecError('bad-shape', key, `The ${key} setting of the chart is malformed.`, 'Pick the field again.');
    }
  }
}

function xDimension(spec: ChartSpec, columns: readonly ColumnInfo[]): Dimension {
  const field = spec.x?.field ?? '';
  const family = columnFamily(columns, field, 'x', spec.source);
  const bin = spec.x?.bin;
  if (bin !== undefined && !TIME_BINS.includes(bin)) {
    throw new ChartSpecError('bad-bin', 'x', `"${String(bin)}" is not a time bin.`, `Use one of: ${TIME_BINS.join(', ')}.`);
  }
  if (bin !== undefined && !isTimeFamily(family)) {
    throw new ChartSpecError('bad-bin', 'x', `"${field}" is not a date, so it cannot be grouped by ${bin}.`, 'Remove the time bin or pick a date field.');
  }
  if (spec.mark === 'histogram') {
    if (!isNumericFamily(family)) throw wrongType('x', field, family, 'a numeric field (for dates, use a bar chart with a time bin)');
    return { kind: 'bins', field, family, target: HISTOGRAM_BINS };
  }
  // Without a bin, a timestamp axis would have one group per row: a day is the finest bin.
  if (isTimeFamily(family)) return { kind: 'time', field, family, bin: bin ?? 'day' };
  if (isCategoryFamily(family)) return { kind: 'category', field, family };
  if (isNumericFamily(family)) {
    return spec.mark === 'heatmap' ? { kind: 'bins', field, family, target: HEATMAP_BINS } : { kind: 'number', field, family };
  }
  throw wrongType('x', field, family, 'text, a number or a date');
}

function heatmapY(spec: ChartSpec, columns: readonly ColumnInfo[]): Dimension {
  const field = spec.y?.field ?? '';
  const family = columnFamily(columns, field, 'y', spec.source);
  if (isCategoryFamily(family)) return { kind: 'category', field, family };
  if (isNumericFamily(family)) return { kind: 'bins', field, family, target: HEATMAP_BINS };
  throw wrongType('y', field, family, 'text or a number');
}

function measure(spec: ChartSpec, columns: readonly ColumnInfo[]): Measure {
  const aggregate = spec.y?.aggregate ?? 'count';
  if (!CHART_AGGREGATES.includes(aggregate)) {
    throw new ChartSpecError('bad-aggregate', 'y', `"${String(aggregate)}" is not an aggregate.`, `Use one of: ${CHART_AGGREGATES.join(', ')}.`);
  }
  if (spec.mark === 'heatmap') {
    if (aggregate !== 'count') {
      throw new ChartSpecError('bad-aggregate', 'y', 'A heatmap counts the rows in each cell.', 'Set the Y aggregate to count.');
    }
    return { aggregate };
  }
  const field = spec.y?.field;
  if (aggregate === 'count') {
    if (field === undefined || field === '') return { aggregate };
    columnFamily(columns, field, 'y', spec.source);
    return { aggregate, field };
  }
  const family = columnFamily(columns, field, 'y', spec.source);
  if (!isNumericFamily(family)) throw wrongType('y', field ?? '', family, `a numeric field to take the ${aggregate}`);
  return { aggregate, field };
}

function color(spec: ChartSpec, columns: readonly ColumnInfo[]): ChartPlan['color'] {
  if (spec.color === undefined) return undefined;
  if (spec.mark === 'heatmap') {
    throw new ChartSpecError('not-supported', 'color', 'A heatmap uses colour for the counts.', 'Remove the colour field.');
  }
  const field = spec.color.field;
  const family = columnFamily(columns, field, 'color', spec.source);
  if (!isColorFamily(family)) throw wrongType('color', field, family, 'text, true/false or whole numbers');
  return { field, family };
}

/** Check `spec` against the source's columns; throws ChartSpecError with a plain message. */
export function planChart(spec: unknown, columns: readonly ColumnInfo[]): ChartPlan {
  checkShape(spec);
  const x = xDimension(spec, columns);
  const y = spec.mark === 'heatmap' ? heatmapY(spec, columns) : undefined;
  return { source: spec.source, mark: spec.mark, x, y, measure: measure(spec, columns), color: color(spec, columns) };
}
