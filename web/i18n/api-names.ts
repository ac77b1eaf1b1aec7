// The API's Vietnamese names of roles, statuses, events and results as message-table entries: one wording for pages and problem details.

/** `table`'s entries with each key under `prefix` ("status." + "draft"). */
export function prefixed<P extends string, K extends string>(prefix: P, table: Record<K, string>): Record<`${P}${K}`, string> {
  return Object.fromEntries(Object.entries(table).map(([key, text]) => [`${prefix}${key}`, text])) as Record<`${P}${K}`, string>;
}
