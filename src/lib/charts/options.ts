/**
 * What the chart editor offers: only fields and settings that fit the chart type and the
 * column types, so a spec built with the editor always compiles.
 */
import { typeFamily, type ColumnInfo } from '../engine/schema';
import { isCategoryFamily, isColorFamily, isNumericFamily, isTimeFamily } from './plan';
import { CHART_AGGREGATES, type ChartAggregate, type ChartMark, type ChartSpec } from './spec';

/** A table, view or cell result the chart can read. */
export interface ChartSource {
  name: string;
  columns: ColumnInfo[];
}

const fam = (c: ColumnInfo) => typeFamily(c.type);

export function xFieldOptions(mark: ChartMark, columns: readonly ColumnInfo[]): ColumnInfo[] {
  if (mark === 'histogram') return columns.filter((c) => isNumericFamily(fam(c)));
  return columns.filter((c) => {
    const f = fam(c);
    return isCategoryFamily(f) || isNumericFamily(f) || isTimeFamily(f);
  });
}

export function isTimeField(field: string | undefined, columns: readonly ColumnInfo[]): boolean {
  const col = columns.find((c) => c.name === field);
  return col !== undefined && isTimeFamily(fam(col));
}

export function aggregateOptions(mark: ChartMark): ChartAggregate[] {
  return mark === 'heatmap' ? ['count'] : [...CHART_AGGREGATES];
}

/** For a heatmap: the second dimension. Otherwise: what the aggregate reads. */
export function yFieldOptions(mark: ChartMark, aggregate: ChartAggregate, columns: readonly ColumnInfo[]): ColumnInfo[] {
  if (mark === 'heatmap') return columns.filter((c) => isCategoryFamily(fam(c)) || isNumericFamily(fam(c)));
  if (aggregate === 'count') return columns.filter((c) => fam(c) !== 'other');
  return columns.filter((c) => isNumericFamily(fam(c)));
}

export function colorFieldOptions(mark: ChartMark, columns: readonly ColumnInfo[]): ColumnInfo[] {
  return mark === 'heatmap' ? [] : columns.filter((c) => isColorFamily(fam(c)));
}

const has = (list: readonly ColumnInfo[], name: string | undefined) => name !== undefined && list.some((c) => c.name === name);

/** Prefer a date for x (the usual "over time" chart), then a category, then anything allowed. */
function firstX(mark: ChartMark, columns: readonly ColumnInfo[]): string | undefined {
  const opts = xFieldOptions(mark, columns);
  return (opts.find((c) => isTimeFamily(fam(c))) ?? opts.find((c) => isCategoryFamily(fam(c))) ?? opts[0])?.name;
}

/**
 * Bring a spec back within what the editor offers after the source, chart type or a field changed:
 * fields that no longer fit are replaced or dropped.
 */
export function repairSpec(spec: ChartSpec, columns: readonly ColumnInfo[]): ChartSpec {
  const out: ChartSpec = { source: spec.source, mark: spec.mark };
  if (spec.title) out.title = spec.title;
  const xField = has(xFieldOptions(spec.mark, columns), spec.x?.field) ? spec.x?.field : firstX(spec.mark, columns);
  if (xField !== undefined) {
    out.x = { field: xField };
    if (isTimeField(xField, columns)) out.x.bin = spec.x?.field === xField && spec.x.bin ? spec.x.bin : 'month';
  }
  if (spec.mark === 'heatmap') {
    const opts = yFieldOptions('heatmap', 'count', columns);
    const yField = has(opts, spec.y?.field) ? spec.y?.field : (opts.find((c) => c.name !== xField) ?? opts[0])?.name;
    out.y = yField === undefined ? { aggregate: 'count' } : { field: yField, aggregate: 'count' };
    return out;
  }
  let aggregate = spec.y?.aggregate ?? 'count';
  let yField = spec.y?.field;
  if (!has(yFieldOptions(spec.mark, aggregate, columns), yField)) {
    yField = aggregate === 'count' ? undefined : yFieldOptions(spec.mark, aggregate, columns)[0]?.name;
    if (yField === undefined) aggregate = 'count';
  }
  out.y = yField === undefined ? { aggregate } : { field: yField, aggregate };
  if (has(colorFieldOptions(spec.mark, columns), spec.color?.field) && spec.color) out.color = { field: spec.color.field };
  return out;
}

/** A first chart for a source: counts over the first date (or category) column. */
export function defaultChartSpec(source: ChartSource): ChartSpec {
  return repairSpec({ source: source.name, mark: 'bar' }, source.columns);
}
