/**
 * Bounds on what a segment document may hold. A shared link is untrusted input: these keep a
 * hostile or broken one from exhausting the stack, memory or the SQL parser, and give a
 * plain error instead.
 */
export const LIMITS = {
  /** Groups nested inside each other, saved segments included. */
  depth: 32,
  /** Groups and rules in one segment once saved segments are expanded. */
  nodes: 1_000,
  /** Values in one list (`in`, `contains_any`…). */
  listValues: 1_000,
  /** Characters in one text value, name or event. */
  textLength: 1_000,
  /** Filters on one activity rule. */
  activityFilters: 20,
  /** Longest window, in days (a century). */
  days: 36_600,
  /** Largest count in "did it N times". */
  count: 1_000_000_000,
  /** Problems reported for one document; more are summarised. */
  issues: 50,
  /** Characters of a share link's payload, and bytes it may inflate to. */
  linkChars: 200_000,
  linkBytes: 1_000_000,
} as const;
