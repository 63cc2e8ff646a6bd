/**
 * Share links for whole notebooks (`#notebook=1.…`): the same codec as segments. The notebook
 * module checks what the document holds; this only carries it.
 */
import { decodeShareLink, encodeShareLink } from './shareLink';

export const NOTEBOOK_LINK_FORMAT = 1;

export function encodeNotebookLink(notebook: unknown): Promise<string> {
  return encodeShareLink('notebook', NOTEBOOK_LINK_FORMAT, notebook);
}

/** The notebook document a link carries, unchecked. Throws ShareLinkError like decodeSegmentLink. */
export function decodeNotebookLink(link: string): Promise<unknown> {
  return decodeShareLink('notebook', link, NOTEBOOK_LINK_FORMAT);
}
