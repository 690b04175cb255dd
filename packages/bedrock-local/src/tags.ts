export type Tag = { key: string; value: string };

/** The most tags one resource holds (TagList's bound in Bedrock's service model). */
export const MAX_TAGS_PER_RESOURCE = 200;

/** TagResource: each key given is set to its value, replacing that key's old value; other tags stay. */
export function withTags(current: readonly Tag[], added: readonly Tag[]): Tag[] {
  const byKey = new Map(current.map((tag) => [tag.key, tag.value]));
  for (const tag of added) byKey.set(tag.key, tag.value);
  return [...byKey].map(([key, value]) => ({ key, value }));
}

/** UntagResource: the keys named are removed; a key the resource lacks is no error. */
export function withoutTags(current: readonly Tag[], keys: readonly string[]): Tag[] {
  const removed = new Set(keys);
  return current.filter((tag) => !removed.has(tag.key));
}
