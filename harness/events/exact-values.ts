/**
 * Values a column cannot hold exactly. A DECIMAL(10,2) column rounds 24.499 to 24.50, an INT
 * column rounds a version of 1.5 to 2, and a JSON number above 2^53 - 1 has already lost its last
 * digits when JSON.parse returns it (9007199254740993 reads as ...992). Stored, each would be a
 * value the backend never sent, logged as "stored". The contract refuses such an event instead,
 * naming the field, before any handler sees it; so does a child key used twice in one document.
 *
 * The column types are the ones the lessons prescribe (spec/solutions/NN/tables.ts).
 */

type Rule =
  | { path: string; kind: 'integer' }
  | { path: string; kind: 'money'; precision: number; scale: number }
  | { path: string; kind: 'unique'; key: string };

/** Per event-type prefix (the domain): the rules for its document. A '*' matches every key of an object or item of an array. */
const RULES: Record<string, readonly Rule[]> = {
  user: [{ path: 'data.version', kind: 'integer' }],
  supplier: [],
  product: [
    { path: 'data.price', kind: 'money', precision: 10, scale: 2 },
    { path: 'data.variants.*.price', kind: 'money', precision: 10, scale: 2 },
    { path: 'data.variants.*.stock', kind: 'integer' },
  ],
  post: [
    { path: 'data.stats.likes', kind: 'integer' },
    { path: 'data.stats.comments', kind: 'integer' },
    { path: 'data.stats.shares', kind: 'integer' },
    { path: 'data.stats.views', kind: 'integer' },
  ],
  order: [
    ...['subtotal', 'tax', 'shipping', 'discount', 'total'].map((field): Rule => ({ path: `data.totals.${field}`, kind: 'money', precision: 12, scale: 2 })),
    { path: 'data.items.*.quantity', kind: 'integer' },
    { path: 'data.items.*.unit_price', kind: 'money', precision: 10, scale: 2 },
    { path: 'data.items.*.line_total', kind: 'money', precision: 12, scale: 2 },
    { path: 'data.items', kind: 'unique', key: 'item_id' },
  ],
};

/** The values at a path, with the path each one is at ('data.items[2].quantity'). Missing and null values are skipped. */
function valuesAt(root: unknown, path: string): { at: string; value: unknown }[] {
  let found: { at: string; value: unknown }[] = [{ at: '', value: root }];
  for (const part of path.split('.')) {
    const next: { at: string; value: unknown }[] = [];
    for (const { at, value } of found) {
      if (typeof value !== 'object' || value === null) continue;
      if (part === '*') {
        const entries = Array.isArray(value) ? value.map((item, index) => [`[${index}]`, item] as const) : Object.entries(value).map(([key, item]) => [`.${key}`, item] as const);
        for (const [suffix, item] of entries) next.push({ at: `${at}${suffix}`, value: item });
      } else if (Object.hasOwn(value, part)) {
        next.push({ at: at ? `${at}.${part}` : part, value: (value as Record<string, unknown>)[part] });
      }
    }
    found = next.filter(({ value }) => value !== undefined && value !== null);
  }
  return found;
}

const MONEY = /^-?(\d+)(?:\.(\d+))?$/;

function ruleProblem(rule: Rule, at: string, value: unknown): string | undefined {
  if (rule.kind === 'integer') {
    if (typeof value !== 'number') return undefined; // a wrong type is the handler's to report
    if (!Number.isInteger(value)) return `"${at}" is ${value}: a whole number belongs there, and its column would store ${Math.round(value)}`;
    if (!Number.isSafeInteger(value)) return `"${at}" is beyond 2^53 - 1 (read as ${value}): JSON.parse has already changed its last digits`;
    return undefined;
  }
  if (rule.kind === 'money') {
    if (typeof value === 'number') {
      return `"${at}" is the JSON number ${value}: money travels as decimal text ("24.50"), a JSON number is a binary double`;
    }
    if (typeof value !== 'string') return undefined;
    const match = MONEY.exec(value);
    if (!match) return undefined; // not a decimal at all: the handler (or the server) reports it
    const [, whole, fraction = ''] = match;
    if (fraction.replace(/0+$/, '').length > rule.scale) {
      return `"${at}" is "${value}": more than ${rule.scale} decimals; its DECIMAL(${rule.precision},${rule.scale}) column would round it`;
    }
    if (whole!.replace(/^0+/, '').length > rule.precision - rule.scale) return `"${at}" is "${value}": too large for its DECIMAL(${rule.precision},${rule.scale}) column`;
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const seen = new Map<unknown, string>();
  const items = Array.isArray(value) ? value.map((item, index) => [`[${index}]`, item] as const) : Object.entries(value).map(([key, item]) => [`.${key}`, item] as const);
  for (const [suffix, item] of items) {
    const key = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[rule.key] : undefined;
    if (key === undefined || key === null) continue;
    const first = seen.get(key);
    if (first !== undefined) return `"${at}${suffix}.${rule.key}" repeats "${String(key)}" of "${at}${first}": a child key must be unique within its document`;
    seen.set(key, suffix);
  }
  return undefined;
}

/** The first value of the envelope that its column cannot hold exactly (or a repeated child key), or undefined. */
export function inexactValue(envelope: { event_type: string }): string | undefined {
  const domain = envelope.event_type.split('.')[0]!;
  for (const rule of RULES[domain] ?? []) {
    for (const { at, value } of valuesAt(envelope, rule.path)) {
      const problem = ruleProblem(rule, at, value);
      if (problem) return problem;
    }
  }
  return undefined;
}
