import { describe, expect, it } from 'vitest';
import type { NodeSpec } from '../../../src/lib/segments';
import {
  canMove,
  childrenOf,
  duplicateAt,
  groupAbove,
  hasIds,
  insertAt,
  jsonPath,
  moveDown,
  moveIntoGroupAbove,
  moveNode,
  moveOutOfGroup,
  moveUp,
  nodeAt,
  removeAt,
  setGroupKind,
  withIds,
  withoutIds,
} from '../../../src/ui/components/segments/tree';

const a = { field: 'a', op: 'is_empty' } as const;
const b = { field: 'b', op: 'is_empty' } as const;
const c = { field: 'c', op: 'is_empty' } as const;
const d = { field: 'd', op: 'is_empty' } as const;

/** Field names in document order, groups as nested arrays with their kind first. */
function shape(node: NodeSpec): unknown {
  const kids = childrenOf(node);
  if ('field' in node) return node.field;
  const kind = 'all' in node ? 'all' : 'any' in node ? 'any' : 'not';
  return [kind, ...kids.map(shape)];
}

const tree: NodeSpec = { all: [a, { any: [b, c] }, d] };

describe('segment tree edits', () => {
  it('reads and addresses nodes, with the paths validation uses', () => {
    expect(nodeAt(tree, [1, 0])).toEqual(b);
    expect(jsonPath(tree, [])).toBe('match');
    expect(jsonPath(tree, [1, 1])).toBe('match.all[1].any[1]');
    expect(jsonPath({ not: { any: [a] } }, [0, 0])).toBe('match.not.any[0]');
  });

  it('moves up and down among siblings, and not past the ends', () => {
    expect(shape(moveUp(tree, [2]).root)).toEqual(['all', 'a', 'd', ['any', 'b', 'c']]);
    expect(moveUp(tree, [2]).at).toEqual([1]);
    expect(shape(moveDown(tree, [0]).root)).toEqual(['all', ['any', 'b', 'c'], 'a', 'd']);
    expect(moveDown(tree, [0]).at).toEqual([1]);
    expect(moveUp(tree, [0]).root).toBe(tree);
    expect(moveDown(tree, [2]).root).toBe(tree);
    expect(shape(moveDown(tree, [1, 0]).root)).toEqual(['all', 'a', ['any', 'c', 'b'], 'd']);
  });

  it('moves into the group above (at its end) and out of a group (just after it)', () => {
    expect(groupAbove(tree, [2])).toEqual([1]);
    expect(groupAbove(tree, [1])).toBeNull();
    const into = moveIntoGroupAbove(tree, [2]);
    expect(shape(into.root)).toEqual(['all', 'a', ['any', 'b', 'c', 'd']]);
    expect(into.at).toEqual([1, 2]);
    const out = moveOutOfGroup(tree, [1, 0]);
    expect(shape(out.root)).toEqual(['all', 'a', ['any', 'c'], 'b', 'd']);
    expect(out.at).toEqual([2]);
    expect(moveOutOfGroup(tree, [0]).root).toBe(tree);
  });

  it('drags anywhere, counting the target index before the move, but never into itself', () => {
    // a to the end of the inner group: the group's address shifts when a leaves.
    const m = moveNode(tree, [0], [1], 2);
    expect(shape(m.root)).toEqual(['all', ['any', 'b', 'c', 'a'], 'd']);
    expect(m.at).toEqual([0, 2]);
    // d to the front of the inner group.
    expect(shape(moveNode(tree, [2], [1], 0).root)).toEqual(['all', 'a', ['any', 'd', 'b', 'c'], ]);
    // Within one parent, moving forward.
    expect(shape(moveNode(tree, [0], [], 3).root)).toEqual(['all', ['any', 'b', 'c'], 'd', 'a']);
    // b out to the root's front.
    expect(shape(moveNode(tree, [1, 0], [], 0).root)).toEqual(['all', 'b', 'a', ['any', 'c'], 'd']);
    expect(canMove(tree, [1], [1], 0)).toBe(false);
    expect(canMove(tree, [0], [], 0)).toBe(false);
    expect(canMove(tree, [0], [], 1)).toBe(false);
    expect(canMove(tree, [0], [], 2)).toBe(true);
    expect(canMove(tree, [], [1], 0)).toBe(false);
    expect(canMove(tree, [0], [0], 0)).toBe(false); // a rule is not a group
  });

  it('a NOT holds one node; a second one joins it under an all', () => {
    const t: NodeSpec = { all: [{ not: a }, b] };
    const m = moveNode(t, [1], [0], 1);
    expect(shape(m.root)).toEqual(['all', ['not', ['all', 'a', 'b']]]);
    expect(m.at).toEqual([0, 0, 1]);
    expect(shape(removeAt({ not: a }, [0]))).toEqual(['not', ['all']]);
    expect(shape(setGroupKind({ all: [a, b] }, 'not'))).toEqual(['not', ['all', 'a', 'b']]);
    expect(shape(setGroupKind({ not: a }, 'any'))).toEqual(['any', 'a']);
  });

  it('inserts, removes and duplicates with fresh ids, without changing the input', () => {
    const withIdTree = withIds(tree);
    expect(hasIds(withIdTree)).toBe(true);
    const dup = duplicateAt(withIdTree, [1]);
    expect(shape(dup)).toEqual(['all', 'a', ['any', 'b', 'c'], ['any', 'b', 'c'], 'd']);
    expect(hasIds(dup)).toBe(true);
    expect(shape(insertAt(tree, [1], 1, d))).toEqual(['all', 'a', ['any', 'b', 'd', 'c'], 'd']);
    expect(shape(removeAt(tree, [1, 1]))).toEqual(['all', 'a', ['any', 'b'], 'd']);
    expect(shape(tree)).toEqual(['all', 'a', ['any', 'b', 'c'], 'd']);
    expect(JSON.stringify(withoutIds(withIdTree))).toBe(JSON.stringify(tree));
  });
});
