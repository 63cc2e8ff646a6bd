/**
 * Cell kinds register here — spec type, parser, SQL and references — so the segment, RFM,
 * cohort, journey and CLV cells of later issues plug in without touching the notebook core.
 * (Views are the UI's business: it maps `kind` to a component.)
 */
import type { DataModel } from '../model/datamodel';
import type { Sql } from '../sql';
import { NotebookError } from './errors';

/** What a kind's compiler may use besides its spec. */
export interface CellSqlContext {
  /** The notebook's data model, parsed; null before the columns are mapped. */
  dataModel: DataModel | null;
  /** Names of the notebook's cells, in document order. */
  cellNames: readonly string[];
}

export interface CellKind<S> {
  kind: string;
  /** For the "add cell" menu. */
  label: string;
  defaultSpec(): S;
  /** The spec from JSON (a saved or imported notebook); throws NotebookError with a path inside the spec. */
  parse(spec: unknown): S;
  /** The query whose result becomes the cell's relation; null when there is nothing to run yet. */
  sql?(spec: S, ctx: CellSqlContext): Sql | null;
  /** Relation names the cell reads (cells it depends on are those of these names). */
  references?(spec: S): string[];
  /** Other names the cell answers to besides its own (a segment cell: its segment's name). */
  provides?(spec: S): string[];
}

// Methods are bivariant in their parameters, so any CellKind<S> is a CellKind<unknown>.
const kinds = new Map<string, CellKind<unknown>>();

/** Registers a kind; registering the same kind again replaces it (hot reload). */
export function registerCellKind<S>(kind: CellKind<S>): void {
  kinds.set(kind.kind, kind);
}

/** The kind, or a NotebookError naming the unknown kind. */
export function cellKind(kind: string): CellKind<unknown> {
  const found = kinds.get(kind);
  if (!found) throw new NotebookError('unknown-kind', `"${kind}" is not a kind of cell this version of Arkwright knows.`);
  return found;
}

export function hasCellKind(kind: string): boolean {
  return kinds.has(kind);
}

/** Every registered kind, in registration order. */
export function cellKinds(): CellKind<unknown>[] {
  return [...kinds.values()];
}
