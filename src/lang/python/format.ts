import { DYNAMIC } from '../../core/dynamic.js';
import { DYNAMIC_SEGMENT, segmentsOrDynamic, str, type PyValue, type Segment, type StrValue } from './values.js';

/**
 * Python's two string formatting operators over partly-known values. Directives are looked for
 * in the template's known text only; an argument that is missing, or a directive that changes
 * the text (`%r`, `{x!r}`, `{x:>10}`, `{0.attr}`), leaves DYNAMIC in its place.
 */

/** `template % args`: `%s`, `%(name)s`, `%d`… and `%%`. */
export function percentFormat(template: StrValue, args: PyValue): StrValue {
  const positional: PyValue[] =
    args.kind === 'list' ? (args.open ? [] : args.items.map((i) => i.value)) : args.kind === 'dict' ? [] : [args];
  const mapping = args.kind === 'dict' ? args : undefined;
  let next = 0;
  const out: Segment[] = [];
  for (const seg of template.segments) {
    if (seg.text === DYNAMIC || !seg.text.includes('%')) {
      out.push(seg);
      continue;
    }
    const t = seg.text;
    let buf = '';
    let i = 0;
    const flush = (): void => {
      if (buf) out.push({ ...seg, text: buf });
      buf = '';
    };
    while (i < t.length) {
      const c = t[i] as string;
      if (c !== '%') {
        buf += c;
        i++;
        continue;
      }
      if (t[i + 1] === '%') {
        buf += '%';
        i += 2;
        continue;
      }
      let j = i + 1;
      let key: string | undefined;
      if (t[j] === '(') {
        const close = t.indexOf(')', j);
        if (close < 0) break;
        key = t.slice(j + 1, close);
        j = close + 1;
      }
      let spec = '';
      while (j < t.length && '#0- +*.0123456789hlL'.includes(t[j] as string)) spec += t[j++];
      const conv = t[j];
      if (conv === undefined) {
        buf += t.slice(i);
        break;
      }
      j++;
      flush();
      let value: PyValue | undefined;
      if (key !== undefined) value = mapping?.entries.get(key)?.value;
      else value = positional[next++];
      const plain = spec === '' && (conv === 's' || conv === 'd' || conv === 'i');
      out.push(...(value && plain ? segmentsOrDynamic(value) : [DYNAMIC_SEGMENT]));
      i = j;
    }
    flush();
  }
  return str(out);
}

/** `template.format(*positional, **named)`: `{}`, `{0}`, `{name}`; anything fancier is DYNAMIC. */
export function braceFormat(template: StrValue, positional: PyValue[], named: Map<string, PyValue>): StrValue {
  let auto = 0;
  const out: Segment[] = [];
  for (const seg of template.segments) {
    if (seg.text === DYNAMIC || (!seg.text.includes('{') && !seg.text.includes('}'))) {
      out.push(seg);
      continue;
    }
    const t = seg.text;
    let buf = '';
    let i = 0;
    const flush = (): void => {
      if (buf) out.push({ ...seg, text: buf });
      buf = '';
    };
    while (i < t.length) {
      const c = t[i] as string;
      if ((c === '{' || c === '}') && t[i + 1] === c) {
        buf += c;
        i += 2;
        continue;
      }
      if (c !== '{') {
        buf += c;
        i++;
        continue;
      }
      const close = t.indexOf('}', i);
      if (close < 0) {
        buf += t.slice(i);
        break;
      }
      flush();
      const field = t.slice(i + 1, close);
      let value: PyValue | undefined;
      if (field === '') value = positional[auto++];
      else if (/^\d+$/.test(field)) value = positional[Number(field)];
      else if (/^[A-Za-z_]\w*$/.test(field)) value = named.get(field);
      // `{0.attr}`, `{x[key]}`, `{x!r}`, `{x:>10}` and arguments hidden in */** are not modelled.
      out.push(...(value ? segmentsOrDynamic(value) : [DYNAMIC_SEGMENT]));
      i = close + 1;
    }
    flush();
  }
  return str(out);
}
