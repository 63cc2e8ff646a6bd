/**
 * One node of the tree: a group (all / any / not) or a rule (field, activity, sequence,
 * saved segment). Depth and size are checked before descending, so a 1,000-deep or
 * 100,000-wide document is refused with a message, never a stack overflow.
 */
import type { FieldRule, SegmentNode, SegmentRef } from '../ast';
import { closestName, familyOf, traitHint } from '../fields';
import { LIMITS } from '../limits';
import { readActivityRule } from './activity';
import { readSequenceRule } from './sequence';
import { checkId, onlyKeys, spend, type Context } from './context';
import { child, has, isObject, item, own, show, type JsonObject } from './json';
import { readColumnTest } from './tests';
import { readText } from './values';

const NODE_KEYS = ['all', 'any', 'not', 'field', 'activity', 'sequence', 'segment'] as const;

export function readNode(v: unknown, path: string, depth: number, ctx: Context): SegmentNode | undefined {
  if (!isObject(v)) {
    ctx.issues.add(path, 'bad-shape', `Expected a rule or a group ({ "all": [...] }, { "field": … }…), not ${show(v)}.`);
    return undefined;
  }
  if (depth > LIMITS.depth) {
    ctx.issues.add(path, 'too-deep', `Groups are nested more than ${LIMITS.depth} deep.`);
    return undefined;
  }
  if (!spend(ctx, path, 1)) return undefined;
  ctx.depth = Math.max(ctx.depth, depth);
  const kinds = NODE_KEYS.filter((k) => has(v, k));
  if (kinds.length !== 1) {
    const message =
      kinds.length === 0
        ? `This is neither a rule nor a group: it needs one of ${NODE_KEYS.map((k) => `"${k}"`).join(', ')}.`
        : `A node is one rule or one group; this one has ${kinds.map((k) => `"${k}"`).join(' and ')}.`;
    ctx.issues.add(path, 'bad-shape', message);
    return undefined;
  }
  switch (kinds[0]) {
    case 'all':
    case 'any':
      return readGroup(kinds[0], v, path, depth, ctx);
    case 'not': {
      onlyKeys(v, ['not', 'id'], path, ctx.issues);
      checkId(v, path, ctx.issues);
      const inner = readNode(own(v, 'not'), child(path, 'not'), depth + 1, ctx);
      return inner && { kind: 'not', path, child: inner };
    }
    case 'field':
      return readFieldRule(v, path, ctx);
    case 'activity':
      return readActivityRule(v, path, ctx);
    case 'sequence':
      return readSequenceRule(v, path, ctx);
    case 'segment':
      return readSegmentRef(v, path, depth, ctx);
  }
}

function readGroup(kind: 'all' | 'any', v: JsonObject, path: string, depth: number, ctx: Context): SegmentNode | undefined {
  onlyKeys(v, [kind, 'id'], path, ctx.issues);
  checkId(v, path, ctx.issues);
  const listPath = child(path, kind);
  const list = own(v, kind);
  if (!Array.isArray(list)) {
    ctx.issues.add(listPath, 'bad-shape', `"${kind}" must be a list of rules and groups, not ${show(list)}.`);
    return undefined;
  }
  if (list.length > LIMITS.nodes) {
    ctx.issues.add(listPath, 'too-large', `The group has ${list.length} entries; a segment holds at most ${LIMITS.nodes} rules and groups.`);
    return undefined;
  }
  const children: SegmentNode[] = [];
  let ok = true;
  for (let i = 0; i < list.length && !ctx.tooLarge; i++) {
    const node = readNode(list[i], item(listPath, i), depth + 1, ctx);
    if (node) children.push(node);
    else ok = false;
  }
  return ok && !ctx.tooLarge ? { kind, path, children } : undefined;
}

function readFieldRule(v: JsonObject, path: string, ctx: Context): FieldRule | undefined {
  onlyKeys(v, ['field', 'op', 'value', 'id'], path, ctx.issues);
  checkId(v, path, ctx.issues);
  const fieldPath = child(path, 'field');
  const name = own(v, 'field');
  if (typeof name !== 'string' || name.length === 0) {
    ctx.issues.add(fieldPath, 'bad-value', `The field must be a field name, not ${show(name)}.`);
    return undefined;
  }
  const field = ctx.fields.find(name);
  if (!field) {
    const guess = closestName(name, ctx.fields.names());
    const hint = traitHint(name) ?? (guess ? `Did you mean "${guess}"?` : 'Map a column to it, or remove the rule.');
    ctx.issues.add(fieldPath, 'unknown-field', `This data has no field ${show(name)}. ${hint}`, { field: name });
    return undefined;
  }
  const family = familyOf(field.kind);
  if (!family) {
    ctx.issues.add(fieldPath, 'unsupported-field', `${show(field.name)} holds values of a kind segments cannot filter on (${show(field.kind)}).`);
    return undefined;
  }
  ctx.fieldsUsed.add(field.name);
  const check = readColumnTest(family, v, path, ctx.issues, { subject: `${field.name} (a ${family} field)`, presence: true });
  return check && { kind: 'field', path, field: field.name, check };
}

function readSegmentRef(v: JsonObject, path: string, depth: number, ctx: Context): SegmentRef | undefined {
  onlyKeys(v, ['segment', 'id'], path, ctx.issues);
  checkId(v, path, ctx.issues);
  const namePath = child(path, 'segment');
  const name = readText(own(v, 'segment'), namePath, ctx.issues, 'The segment name', false);
  if (name === undefined) return undefined;
  const segment = ctx.resolver.resolve(name, namePath, ctx.issues, ctx.stack);
  if (!segment) return undefined;
  if (depth + segment.depth > LIMITS.depth) {
    ctx.issues.add(path, 'too-deep', `With the saved segment ${show(name)} expanded, groups are nested more than ${LIMITS.depth} deep.`);
    return undefined;
  }
  ctx.depth = Math.max(ctx.depth, depth + segment.depth);
  if (!spend(ctx, path, segment.size)) return undefined;
  for (const f of segment.fields) ctx.fieldsUsed.add(f);
  ctx.segmentsUsed.add(name);
  for (const s of segment.segments) ctx.segmentsUsed.add(s);
  return { kind: 'segment', path, name, segment };
}
