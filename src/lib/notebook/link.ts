/**
 * Notebook share links (`#notebook=1.…`, the codec of src/lib/segments): the cells and the
 * data model mapping only — no ids, no file names, no data. A link is untrusted input and is
 * checked exactly like an imported file.
 */
import { decodeNotebookLink, encodeNotebookLink } from '../segments/link/notebookLink';
import { ShareLinkError } from '../segments/errors';
import type { NotebookDoc } from './document';
import { NotebookError } from './errors';
import { fromDefinitions, notebookFile } from './fileFormat';
import { guarded } from './parse';

/** `#notebook=1.<base64url(deflate-raw(JSON))>`. Throws NotebookError ('link') when it is too large for a link. */
export async function notebookLink(doc: NotebookDoc): Promise<string> {
  const { format, v, title, cells, dataModel } = notebookFile(doc);
  try {
    return await encodeNotebookLink({ format, v, title, cells, dataModel: withoutIdentifierValues(dataModel) });
  } catch (e) {
    if (e instanceof ShareLinkError) throw new NotebookError('link', e.message, { hint: e.hint, cause: e });
    throw e;
  }
}

/** A new notebook from a link, URL or hash. Throws only NotebookError. */
export async function openNotebookLink(hash: string, now: Date = new Date()): Promise<NotebookDoc> {
  let json: unknown;
  try {
    json = await decodeNotebookLink(hash);
  } catch (e) {
    if (e instanceof ShareLinkError) {
      const problem = e.problem === 'newer-version' ? 'newer-version' : 'link';
      throw new NotebookError(problem, e.message, { hint: e.hint, cause: e });
    }
    throw new NotebookError('link', 'This notebook link cannot be opened.', { cause: e });
  }
  return guarded(() => {
    const doc = fromDefinitions(json, 'link', now);
    return { ...doc, files: [] };
  });
}

/**
 * Identifiers the analyst chose to keep linking (a shop's phone number, a shared email) are
 * values from the data, and links carry definitions only: they stay behind. The receiver's
 * stitching flags such identifiers again on their own data.
 */
function withoutIdentifierValues<T>(dataModel: T): T {
  if (typeof dataModel !== 'object' || dataModel === null || !('identity' in dataModel)) return dataModel;
  const identity = (dataModel as { identity?: { options?: { keep?: unknown } } }).identity;
  if (!identity?.options?.keep) return dataModel;
  return { ...dataModel, identity: { ...identity, options: { ...identity.options, keep: [] } } };
}
