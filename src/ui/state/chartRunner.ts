/** Runs a chart cell: the source's columns, then the chart's aggregation in the engine. */
import { CHART_MAX_MARKS, ChartSpecError, chartSql, type ChartSpec } from '../../lib/charts';
import type { EngineErrorInfo } from '../../lib/engine/api';
import { ident, sql } from '../../lib/sql';
import type { CellRunner } from './notebook.svelte';
import type { Workspace } from './workspace.svelte';

export function chartRunner(ws: Workspace): CellRunner {
  return async (cell) => {
    const spec = cell.spec as ChartSpec;
    if (!spec.source) throw { kind: 'query', message: 'Choose what to chart first.' } satisfies EngineErrorInfo;
    const described = await ws.engine.queryRows(sql`DESCRIBE ${ident(spec.source)}`.text);
    const columns = described.map((c) => ({ name: String(c.column_name), type: String(c.column_type) }));
    let query;
    try {
      query = chartSql(spec, columns);
    } catch (e) {
      if (e instanceof ChartSpecError) throw { kind: 'query', message: e.message, hint: e.hint } satisfies EngineErrorInfo;
      throw e;
    }
    const rows = await ws.engine.queryRows(query.text, CHART_MAX_MARKS + 1);
    return { result: null, rows: null, chart: { rows, columns } };
  };
}
