/**
 * Renames the customer fields a segment document names, for a shared link opened on data
 * whose columns are called differently ("loyalty_tier" → "tier"): the builder asks which
 * field to use for each missing one, then rewrites the document. Activity filters name
 * canonical activity columns and are left alone; so is anything nested deeper than a valid
 * document may be (validation refuses it anyway).
 */
import { LIMITS } from './limits';
import { has, isObject } from './validate/json';

export function renameSegmentFields(json: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (!isObject(json) || !has(json, 'match')) return json;
  return { ...json, match: renameNode(json.match, renames, 0) };
}

function renameNode(node: unknown, renames: ReadonlyMap<string, string>, depth: number): unknown {
  if (!isObject(node) || depth > LIMITS.depth) return node;
  const out: Record<string, unknown> = { ...node };
  if (has(node, 'field') && typeof node.field === 'string' && renames.has(node.field)) out.field = renames.get(node.field);
  for (const key of ['all', 'any'] as const) {
    const list = has(node, key) ? node[key] : undefined;
    if (Array.isArray(list) && list.length <= LIMITS.nodes) out[key] = list.map((child) => renameNode(child, renames, depth + 1));
  }
  if (has(node, 'not')) out.not = renameNode(node.not, renames, depth + 1);
  return out;
}
