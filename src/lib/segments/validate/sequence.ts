/**
 * Sequence rules: "clicked an email, then purchased within 7 days", and the drop-off
 * "clicked, then did NOT purchase within 7 days".
 */
import type { SequenceRule } from '../ast';
import { readActivityFilter, readWindow } from './activity';
import { checkId, onlyKeys, type Context } from './context';
import { child, has, isObject, own, show } from './json';
import { readDays } from './values';

export function readSequenceRule(v: Record<string, unknown>, path: string, ctx: Context): SequenceRule | undefined {
  onlyKeys(v, ['sequence', 'within', 'id'], path, ctx.issues);
  checkId(v, path, ctx.issues);
  const seqPath = child(path, 'sequence');
  const seq = own(v, 'sequence');
  if (!isObject(seq)) {
    ctx.issues.add(seqPath, 'bad-shape', `"sequence" must be { "first": …, "then": …, "withinDays": N }, not ${show(seq)}.`);
    return undefined;
  }
  onlyKeys(seq, ['first', 'then', 'thenNot', 'withinDays'], seqPath, ctx.issues);
  if (has(seq, 'then') === has(seq, 'thenNot')) {
    ctx.issues.add(seqPath, 'bad-shape', 'A sequence needs exactly one of "then" (did it next) or "thenNot" (did not do it next).');
    return undefined;
  }
  const did = has(seq, 'then');
  const nextKey = did ? 'then' : 'thenNot';
  const first = readActivityFilter(own(seq, 'first'), child(seqPath, 'first'), ctx);
  const next = readActivityFilter(own(seq, nextKey), child(seqPath, nextKey), ctx);
  const withinDays = has(seq, 'withinDays') ? readDays(own(seq, 'withinDays'), child(seqPath, 'withinDays'), ctx.issues, 'The number of days') : null;
  const window = readWindow(own(v, 'within'), child(path, 'within'), ctx);
  if (!first || !next || withinDays === undefined || !window) return undefined;
  return { kind: 'sequence', path, first, next, did, withinDays, window };
}
