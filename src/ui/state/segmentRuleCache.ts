/**
 * Keeps the customers of each activity or sequence rule as a temporary table, so that while
 * a person edits a segment only the rule they changed scans activity again; the live count
 * then combines cheap column tests with these small tables. Tables are keyed by the rule's
 * SQL and dropped when the customer view is rebuilt (activity or the as-of date may change).
 */
import { ident } from '../../lib/sql';
import { ruleSubqueries, type CompileOptions } from '../../lib/segments';
import type { Workspace } from './workspace.svelte';

const MAX_TABLES = 48;

export class SegmentRuleCache {
  private tables = new Map<string, Promise<string>>();
  private builtFor: unknown = null;
  private seq = 0;

  /** Makes sure every activity/sequence rule of `spec` has its table; returns the lookup for CompileOptions.ruleRelation. */
  async prepare(ws: Workspace, spec: unknown, options: CompileOptions): Promise<Map<string, string>> {
    if (ws.dm.built !== this.builtFor) await this.reset(ws);
    const wanted = ruleSubqueries(spec, options);
    const ready = new Map<string, string>();
    for (const [key, subquery] of wanted) {
      let table = this.tables.get(key);
      if (!table) {
        const name = `__arkwright_rule_${++this.seq}`;
        // Each customer once: "did it at least once" selects every matching activity row.
        table = ws.engine.execute([`CREATE OR REPLACE TEMP TABLE ${ident(name).text} AS SELECT DISTINCT ${ident('customer_id').text} FROM (${subquery.text}) AS rule`]).then(() => name);
        // A failed rule is not remembered: the next edit tries again and reports the error.
        table.catch(() => this.tables.delete(key));
        this.tables.set(key, table);
      } else {
        // Most recently used last.
        this.tables.delete(key);
        this.tables.set(key, table);
      }
      ready.set(key, await table);
    }
    await this.evict(ws, wanted);
    return ready;
  }

  private async evict(ws: Workspace, keep: Map<string, unknown>): Promise<void> {
    const excess = this.tables.size - MAX_TABLES;
    if (excess <= 0) return;
    const old = [...this.tables.keys()].filter((k) => !keep.has(k)).slice(0, excess);
    const tables = old.map((k) => this.tables.get(k)!);
    old.forEach((k) => this.tables.delete(k));
    await dropTables(ws, tables);
  }

  private async reset(ws: Workspace): Promise<void> {
    const tables = [...this.tables.values()];
    this.tables.clear();
    this.builtFor = ws.dm.built;
    await dropTables(ws, tables);
  }
}

/** Drops the tables that were made; after an engine restart they are gone already, which is fine. */
async function dropTables(ws: Workspace, tables: readonly Promise<string>[]): Promise<void> {
  const names = await Promise.all(tables.map((t) => t.catch(() => null)));
  const drops = names.filter((n): n is string => n !== null).map((n) => `DROP TABLE IF EXISTS temp.${ident(n).text}`);
  if (drops.length) await ws.engine.execute(drops).catch(() => undefined);
}

/** One cache for the page: segment cells, comparisons and filters share rule tables. */
export const segmentRuleCache = new SegmentRuleCache();
