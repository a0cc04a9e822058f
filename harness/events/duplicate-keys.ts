/**
 * JSON.parse keeps the last of two equal keys in one object without a word: a product whose
 * `variants` names "red-xl" twice would lose the first variant silently. The contract refuses such
 * a document; this finds the first repeated key, with its path, in the raw text.
 */

/** The path of the first key repeated within one object ('data.variants.red-xl'), or undefined. */
export function firstDuplicateKey(text: string): string | undefined {
  type Frame = { keys: Set<string> | undefined; key: string | undefined; index: number; isArray: boolean };
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let end = i + 1;
      let escaped = false;
      for (; end < text.length; end++) {
        const d = text.charCodeAt(end);
        if (escaped) escaped = false;
        else if (d === 0x5c) escaped = true;
        else if (d === 0x22) break;
      }
      const top = stack[stack.length - 1];
      if (expectKey && top && !top.isArray) {
        let key = text.slice(i + 1, end);
        if (key.includes('\\')) {
          try {
            key = JSON.parse(text.slice(i, end + 1)) as string; // escapes: "a\u0062" and "ab" are one key
          } catch {
            return undefined; // not JSON: JSON.parse reports it
          }
        }
        top.keys ??= new Set();
        if (top.keys.has(key)) return pathOf(stack, key);
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) {
      stack.push({ keys: undefined, key: undefined, index: 0, isArray: false });
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push({ keys: undefined, key: undefined, index: 0, isArray: true });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.isArray) top.index++;
      else expectKey = true;
    }
  }
  return undefined;
}

function pathOf(stack: { key: string | undefined; index: number; isArray: boolean }[], key: string): string {
  const parts = stack.slice(0, -1).map((frame) => (frame.isArray ? `[${frame.index}]` : `.${frame.key}`));
  return `${parts.join('')}.${key}`.replace(/^\./, '').replace(/\.\[/g, '[');
}

