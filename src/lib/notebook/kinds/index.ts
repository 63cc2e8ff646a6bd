/** The kinds of the notebook issue, registered once on import. */
import { registerCellKind } from '../registry';
import { chartCell } from './chartCell';
import { noteCell } from './noteCell';
import { sqlCell } from './sqlCell';

registerCellKind(sqlCell);
registerCellKind(chartCell);
registerCellKind(noteCell);

export { sqlCell, chartCell, noteCell };
export type { SqlCellSpec } from './sqlCell';
export type { NoteCellSpec } from './noteCell';
export { CHART_MARKS, TIME_BINS, AGGREGATES, type ChartCellSpec, type ChartMark, type TimeBin, type ChartAggregate } from './chartCell';
