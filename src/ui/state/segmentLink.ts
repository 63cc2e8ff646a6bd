/**
 * Opening a `#segment=1.…` link: decode it (a newer-version, truncated or corrupted link
 * says so), check it against the loaded data (naming any field the data lacks), and add it to
 * the open notebook as a Segment cell. Before any data is mapped, the link waits and is
 * applied as soon as the customer view is built.
 */
import { segmentCell } from '../../lib/notebook/kinds/segmentCell';
import { ShareLinkError, decodeSegmentLink, renameSegmentFields, suggestFieldMapping, validateSegment, type SegmentSpec } from '../../lib/segments';
import { fieldRoleOf } from './fieldRoles';
import { hasIds, withIds } from '../components/segments/tree';
import type { NotebookState } from './notebook.svelte';
import { savedSegments, segmentFields } from './segmentRunner';
import type { Workspace } from './workspace.svelte';

export const SEGMENT_LINK_PREFIX = '#segment=';

export type OpenSegmentOutcome =
  | { state: 'added'; cellId: string; missingFields: string[]; mapped: Map<string, string>; problems: string[] }
  | { state: 'pending' }
  | { state: 'failed'; message: string };

/** Opens a segment link; resolves once it is added (or is waiting for data, or failed). */
export async function openSegmentFromHash(hash: string, nb: NotebookState, ws: Workspace): Promise<OpenSegmentOutcome> {
  let spec: SegmentSpec;
  try {
    spec = segmentCell.parse(await decodeSegmentLink(hash));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const hint = e instanceof ShareLinkError ? e.hint : 'Ask for the link again: this one does not hold a segment this version can read.';
    ws.messages.push({ tone: 'error', title: 'That segment link cannot be opened', detail: message, hint });
    return { state: 'failed', message };
  }
  if (!hasIds(spec.match)) spec = { ...spec, match: withIds(spec.match) };
  const label = spec.name ? `“${spec.name}”` : 'a segment';
  if (!segmentFields(ws)) {
    ws.messages.push({
      tone: 'info',
      title: `Segment ${label} is waiting for data`,
      detail: 'Add your data files (or try the demo dataset); once the customer view is built the segment opens in the notebook.',
    });
    whenBuilt(ws, () => void add(spec, label, nb, ws));
    return { state: 'pending' };
  }
  return add(spec, label, nb, ws);
}

/** Calls `then` once, the next time the customer view is built, after whoever else listens. */
function whenBuilt(ws: Workspace, then: () => void): void {
  const previous = ws.dm.onBuilt;
  const mine = (model: Parameters<NonNullable<typeof previous>>[0]) => {
    previous?.(model);
    if (ws.dm.onBuilt === mine) ws.dm.onBuilt = previous;
    then();
  };
  ws.dm.onBuilt = mine;
}

async function add(original: SegmentSpec, label: string, nb: NotebookState, ws: Workspace): Promise<OpenSegmentOutcome> {
  const fields = segmentFields(ws) ?? [];
  const segments = savedSegments(nb.doc, '');
  // Fields this data calls differently are mapped by name or role before anything else.
  const first = validateSegment(original, fields, { segments });
  const unknown = first.ok ? [] : [...new Set(first.issues.flatMap((i) => (i.code === 'unknown-field' && i.field ? [i.field] : [])))];
  const mapped = new Map<string, string>();
  for (const [from, match] of suggestFieldMapping(unknown, fields, fieldRoleOf)) if (match.field) mapped.set(from, match.field);
  const spec = mapped.size ? (renameSegmentFields(original, mapped) as SegmentSpec) : original;
  const check = mapped.size ? validateSegment(spec, fields, { segments }) : first;
  const mappedText = mapped.size ? `Mapped ${[...mapped].map(([a, b]) => `“${a}” to your “${b}”`).join(', ')}.` : '';
  const missingFields = check.ok ? [] : [...new Set(check.issues.flatMap((i) => (i.code === 'unknown-field' && i.field ? [i.field] : [])))];
  const problems = check.ok ? [] : check.issues.filter((i) => i.code !== 'unknown-field').map((i) => i.message);
  const cellId = nb.add('segment');
  nb.setSpec(cellId, spec);
  if (check.ok) {
    ws.messages.push({ tone: 'info', title: `Opened segment ${label} from a link`, detail: ['It is in the notebook, computed on your data.', mappedText].filter(Boolean).join(' ') });
    void nb.run(cellId);
  } else {
    ws.messages.push({
      tone: 'warning',
      title: `Segment ${label} does not fit this data yet`,
      detail: [
        mappedText,
        missingFields.length ? `This data has no ${missingFields.map((f) => `“${f}”`).join(', ')} field${missingFields.length === 1 ? '' : 's'}.` : '',
        ...problems,
      ].filter(Boolean).join(' '),
      hint: 'It is in the notebook: pick which of your fields to use for the missing ones (or change the rules), then it runs.',
    });
  }
  return { state: 'added', cellId, missingFields, mapped, problems };
}
