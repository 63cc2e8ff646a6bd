/**
 * A vega-lite chart drawn by vega-embed, CSP-safe (vega's AST + expression interpreter, no
 * `new Function`), with PNG and SVG export: the one implementation every chart view uses.
 */
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { TopLevelSpec } from 'vega-lite';
import { downloadBlob, downloadHref } from './download';

export class VegaFigure {
  view = $state.raw<Result['view'] | undefined>(undefined);
  error = $state('');
  exporting = $state(false);

  /** Draw `spec` into `el`; returns the cleanup (for an $effect). */
  draw(el: HTMLElement, spec: TopLevelSpec): () => void {
    let cancelled = false;
    let result: Result | undefined;
    this.error = '';
    embed(el, spec, { mode: 'vega-lite', ast: true, expr: expressionInterpreter, actions: false, renderer: 'svg' }).then(
      (r) => {
        // The spec changed or the cell closed while vega was still building this view.
        if (cancelled) r.finalize();
        else {
          result = r;
          this.view = r.view;
        }
      },
      (e: unknown) => {
        if (!cancelled) this.error = `The chart could not be drawn: ${e instanceof Error ? e.message : String(e)}`;
      },
    );
    return () => {
      cancelled = true;
      result?.finalize();
      this.view = undefined;
    };
  }

  /** Twice the on-screen size: sharp on a projector and in slides. */
  async exportPng(stem: string): Promise<void> {
    const view = this.view;
    if (!view) return;
    this.exporting = true;
    try {
      downloadHref(await view.toImageURL('png', 2), `${stem}.png`);
    } finally {
      this.exporting = false;
    }
  }

  async exportSvg(stem: string): Promise<void> {
    const view = this.view;
    if (!view) return;
    this.exporting = true;
    try {
      downloadBlob(new Blob([await view.toSVG()], { type: 'image/svg+xml' }), `${stem}.svg`);
    } finally {
      this.exporting = false;
    }
  }
}
