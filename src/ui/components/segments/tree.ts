/**
 * Pure edits of a segment's rule tree, for the builder: every node is addressed by the indexes
 * of its ancestors' children (`[]` is the root, `[2, 0]` the first child of the root's third
 * child). A `not` group has one child slot: it shows its node as its only child; putting a
 * second node in it wraps both in an `all` (so NOT applies to them together).
 *
 * Every function returns a new tree and leaves its input untouched.
 */
import type { NodeSpec } from '../../../lib/segments';

export type Address = readonly number[];
export type GroupKind = 'all' | 'any' | 'not';

type Rec = Record<string, unknown>;

function rec(node: NodeSpec): Rec {
  return node as unknown as Rec;
}

export function groupKind(node: NodeSpec): GroupKind | null {
  const n = rec(node);
  if (Array.isArray(n.all)) return 'all';
  if (Array.isArray(n.any)) return 'any';
  if (n.not !== undefined && typeof n.not === 'object' && n.not !== null) return 'not';
  return null;
}

export function isGroup(node: NodeSpec): boolean {
  return groupKind(node) !== null;
}

/** The children the builder shows for a node (none for a rule). */
export function childrenOf(node: NodeSpec): NodeSpec[] {
  const n = rec(node);
  switch (groupKind(node)) {
    case 'all':
      return n.all as NodeSpec[];
    case 'any':
      return n.any as NodeSpec[];
    case 'not':
      return [n.not as NodeSpec];
    default:
      return [];
  }
}

/** The same group with other children. */
export function withChildren(node: NodeSpec, children: NodeSpec[]): NodeSpec {
  const kind = groupKind(node);
  const id = rec(node).id as string | undefined;
  const extra = id === undefined ? {} : { id };
  switch (kind) {
    case 'all':
      return { ...extra, all: children };
    case 'any':
      return { ...extra, any: children };
    case 'not':
      return { ...extra, not: children.length === 1 ? children[0] : { all: children } };
    default:
      return node;
  }
}

/** Changes a group's kind, keeping its children (a NOT of several wraps them in an `all`). */
export function setGroupKind(node: NodeSpec, kind: GroupKind): NodeSpec {
  const children = childrenOf(node);
  const id = rec(node).id as string | undefined;
  const extra = id === undefined ? {} : { id };
  if (kind === 'not') return { ...extra, not: children.length === 1 ? children[0] : { all: children } };
  return kind === 'all' ? { ...extra, all: children } : { ...extra, any: children };
}

export function nodeAt(root: NodeSpec, at: Address): NodeSpec | undefined {
  let node: NodeSpec | undefined = root;
  for (const i of at) {
    if (!node) return undefined;
    node = childrenOf(node)[i];
  }
  return node;
}

/** Replaces the node at `at` (the root when `at` is empty). */
export function replaceAt(root: NodeSpec, at: Address, next: NodeSpec): NodeSpec {
  if (at.length === 0) return next;
  const [head, ...rest] = at;
  const children = childrenOf(root);
  if (head < 0 || head >= children.length) return root;
  const copy = children.slice();
  copy[head] = replaceAt(children[head], rest, next);
  return withChildren(root, copy);
}

/** Removes the node at `at`; the root cannot be removed. */
export function removeAt(root: NodeSpec, at: Address): NodeSpec {
  if (at.length === 0) return root;
  const parentAt = at.slice(0, -1);
  const parent = nodeAt(root, parentAt);
  if (!parent) return root;
  const children = childrenOf(parent).filter((_, i) => i !== at[at.length - 1]);
  return replaceAt(root, parentAt, withChildren(parent, children));
}

/** Inserts `node` as child `index` of the group at `parentAt`. */
export function insertAt(root: NodeSpec, parentAt: Address, index: number, node: NodeSpec): NodeSpec {
  const parent = nodeAt(root, parentAt);
  if (!parent || !isGroup(parent)) return root;
  const children = childrenOf(parent).slice();
  children.splice(Math.max(0, Math.min(index, children.length)), 0, node);
  return replaceAt(root, parentAt, withChildren(parent, children));
}

function isPrefix(prefix: Address, of: Address): boolean {
  return prefix.length <= of.length && prefix.every((v, i) => of[i] === v);
}

/** Whether the node at `from` may be dropped as child `index` of the group at `parentAt`. */
export function canMove(root: NodeSpec, from: Address, parentAt: Address, index: number): boolean {
  if (from.length === 0) return false;
  if (isPrefix(from, parentAt)) return false; // into itself or its own descendants
  const parent = nodeAt(root, parentAt);
  if (!parent || !isGroup(parent) || !nodeAt(root, from)) return false;
  const sameParent = from.length - 1 === parentAt.length && isPrefix(parentAt, from);
  const at = from[from.length - 1];
  // Dropping a node just before or just after itself changes nothing.
  if (sameParent && (index === at || index === at + 1)) return false;
  return index >= 0 && index <= childrenOf(parent).length;
}

/**
 * Moves the node at `from` to child `index` of the group at `parentAt`, where `index` counts
 * the children as they are before the move. Returns the tree and the node's new address.
 */
export function moveNode(root: NodeSpec, from: Address, parentAt: Address, index: number): { root: NodeSpec; at: Address } {
  if (!canMove(root, from, parentAt, index)) return { root, at: from };
  const node = nodeAt(root, from)!;
  // Removing `from` shifts later siblings (and the target, if it sits after `from`) by one.
  const fromParent = from.slice(0, -1);
  const fromIndex = from[from.length - 1];
  const target = parentAt.slice();
  if (target.length > fromParent.length && isPrefix(fromParent, target) && target[fromParent.length] > fromIndex) target[fromParent.length]--;
  let to = index;
  if (target.length === fromParent.length && isPrefix(fromParent, target) && index > fromIndex) to--;
  const removed = removeAt(root, from);
  const next = insertAt(removed, target, to, node);
  const parent = nodeAt(next, target);
  // A NOT that now holds two nodes wrapped them in an `all`: the moved node sits inside it.
  if (parent && groupKind(parent) === 'not') {
    return { root: next, at: [...target, 0, to] };
  }
  return { root: next, at: [...target, to] };
}

/** One place up among its siblings. */
export function moveUp(root: NodeSpec, at: Address): { root: NodeSpec; at: Address } {
  const i = at[at.length - 1];
  if (at.length === 0 || i === 0) return { root, at };
  return moveNode(root, at, at.slice(0, -1), i - 1);
}

/** One place down among its siblings. */
export function moveDown(root: NodeSpec, at: Address): { root: NodeSpec; at: Address } {
  if (at.length === 0) return { root, at };
  const parent = nodeAt(root, at.slice(0, -1));
  const i = at[at.length - 1];
  if (!parent || i >= childrenOf(parent).length - 1) return { root, at };
  return moveNode(root, at, at.slice(0, -1), i + 2);
}

/** The group just above the node, which it can move into (at its end); null when there is none. */
export function groupAbove(root: NodeSpec, at: Address): Address | null {
  if (at.length === 0) return null;
  const i = at[at.length - 1];
  if (i === 0) return null;
  const above = [...at.slice(0, -1), i - 1];
  const node = nodeAt(root, above);
  return node && isGroup(node) ? above : null;
}

/** Moves the node into the group just above it, as that group's last child. */
export function moveIntoGroupAbove(root: NodeSpec, at: Address): { root: NodeSpec; at: Address } {
  const above = groupAbove(root, at);
  if (!above) return { root, at };
  const group = nodeAt(root, above)!;
  return moveNode(root, at, above, childrenOf(group).length);
}

/** Moves the node out of its group, to just after that group. */
export function moveOutOfGroup(root: NodeSpec, at: Address): { root: NodeSpec; at: Address } {
  if (at.length < 2) return { root, at };
  const parentAt = at.slice(0, -1);
  const grand = parentAt.slice(0, -1);
  return moveNode(root, at, grand, parentAt[parentAt.length - 1] + 1);
}

/** The node's path in the document, as validation and counts name it: 'match.all[2].any[0]'. */
export function jsonPath(root: NodeSpec, at: Address): string {
  let path = 'match';
  let node: NodeSpec | undefined = root;
  for (const i of at) {
    if (!node) break;
    const kind = groupKind(node);
    if (kind === 'not') path += '.not';
    else if (kind) path += `.${kind}[${i}]`;
    node = childrenOf(node)[i];
  }
  return path;
}

let counter = 0;

/** A fresh builder id. */
export function newId(): string {
  counter += 1;
  return `n${Date.now().toString(36)}${counter.toString(36)}`;
}

/** Gives every node an id (kept in the document, never compiled), so the builder can track them. */
export function withIds(node: NodeSpec, seen: Set<string> = new Set()): NodeSpec {
  const n = rec(node);
  let id = typeof n.id === 'string' && !seen.has(n.id) ? n.id : newId();
  while (seen.has(id)) id = newId();
  seen.add(id);
  const copy = { ...n, id } as unknown as NodeSpec;
  if (!isGroup(node)) return copy;
  return withChildren(copy, childrenOf(node).map((c) => withIds(c, seen)));
}

/** Whether every node already has a distinct id. */
export function hasIds(node: NodeSpec, seen: Set<string> = new Set()): boolean {
  const id = rec(node).id;
  if (typeof id !== 'string' || seen.has(id)) return false;
  seen.add(id);
  return childrenOf(node).every((c) => hasIds(c, seen));
}

/** A deep copy with new ids, inserted just after the original. */
export function duplicateAt(root: NodeSpec, at: Address): NodeSpec {
  if (at.length === 0) return root;
  const node = nodeAt(root, at);
  if (!node) return root;
  const copy = withIds(stripIds(node), collectIds(root));
  return insertAt(root, at.slice(0, -1), at[at.length - 1] + 1, copy);
}

function collectIds(node: NodeSpec, into: Set<string> = new Set()): Set<string> {
  const id = rec(node).id;
  if (typeof id === 'string') into.add(id);
  for (const c of childrenOf(node)) collectIds(c, into);
  return into;
}

function stripIds(node: NodeSpec): NodeSpec {
  const { id: _drop, ...rest } = rec(node);
  void _drop;
  const copy = rest as unknown as NodeSpec;
  return isGroup(node) ? withChildren(copy, childrenOf(node).map(stripIds)) : copy;
}

/** The tree without builder ids (for Show SQL, share links stay smaller). */
export function withoutIds(node: NodeSpec): NodeSpec {
  return stripIds(node);
}
