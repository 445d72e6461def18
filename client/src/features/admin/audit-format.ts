/** Turns an audit entry's before/after JSON into readable `key: value` lines. */
export function auditLines(
  value: unknown,
  /** Names an item of a list under `key` (role codes → role names); as is by default. */
  name: (key: string, item: string) => string = (_k, item) => item,
): { key: string | null; text: string }[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object' || Array.isArray(value)) return [{ key: null, text: plain(value) }];
  return Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, text: plain(v, (item) => name(key, item)) }));
}

function plain(v: unknown, name: (item: string) => string = (item) => item): string {
  if (v === null || v === undefined) return '–';
  if (Array.isArray(v)) return v.length ? v.map((item) => name(plain(item))).join(', ') : '–';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Keys whose value differs between before and after: the ones a reader looks for. */
export function changedKeys(before: unknown, after: unknown): Set<string> {
  const b = new Map(auditLines(before).map((l) => [l.key, l.text]));
  const a = new Map(auditLines(after).map((l) => [l.key, l.text]));
  const keys = new Set([...b.keys(), ...a.keys()].filter((k): k is string => k !== null));
  return new Set([...keys].filter((k) => b.get(k) !== a.get(k)));
}
