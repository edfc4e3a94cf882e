import { TextDecoder } from 'node:util';

/** Why a file's bytes are not text we can scan, or the text. */
export type Decoded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

const SNIFF_BYTES = 8000;

/**
 * Decodes UTF-8 (with or without BOM) and UTF-16 (with BOM). Python files may also declare
 * another encoding in their first two lines (PEP 263). Anything else is reported, not guessed.
 */
export function decode(bytes: Uint8Array, isPython: boolean): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  const body =
    bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.subarray(0, SNIFF_BYTES).includes(0)) return { ok: false, reason: 'binary file (NUL byte)' };
  const utf8 = decodeWith('utf-8', body);
  if (utf8.ok || !isPython) return utf8.ok ? utf8 : { ok: false, reason: 'not valid UTF-8 or UTF-16 text' };
  const declared = pep263Encoding(body);
  if (declared) {
    const other = decodeWith(declared, body);
    if (other.ok) return other;
    return { ok: false, reason: `not valid ${declared} text (declared in a coding comment)` };
  }
  return { ok: false, reason: 'not valid UTF-8 and no PEP 263 coding declaration' };
}

function decodeWith(encoding: string, bytes: Uint8Array): Decoded {
  // Node supports `fatal` only for the UTF encodings; legacy ones (latin-1, cp1252) map every byte.
  const fatal = encoding.startsWith('utf');
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal });
  } catch {
    return { ok: false, reason: `unsupported encoding ${encoding}` };
  }
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, reason: `not valid ${encoding} text` };
  }
}

/** The encoding named by a PEP 263 comment on line 1 or 2 (the PEP's own pattern). */
function pep263Encoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 400)).split(/\r?\n/).slice(0, 2);
  for (const line of head) {
    const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (m) return whatwgLabel(m[1] as string);
    if (!/^[ \t\f]*(#.*)?$/.test(line)) break; // the declaration must come before any code
  }
  return undefined;
}

// Python codec names that the WHATWG Encoding Standard (TextDecoder) spells differently.
const PYTHON_ALIASES: Readonly<Record<string, string>> = {
  'latin-1': 'latin1',
  latin: 'latin1',
  'iso-8859-1': 'latin1',
  utf8: 'utf-8',
  'utf-8-sig': 'utf-8',
  cp1252: 'windows-1252',
  cp1251: 'windows-1251',
  cp1250: 'windows-1250',
};

function whatwgLabel(pythonName: string): string {
  const name = pythonName.toLowerCase().replace(/_/g, '-');
  return PYTHON_ALIASES[name] ?? name;
}
