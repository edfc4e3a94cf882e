import { ENV_CALL_WORDS, envLookupOfCall, type EnvLookup } from './env.js';
import { MemoSlot, type PythonIndex } from './file-index.js';
import { mentionsAny } from './mentions.js';

const ENV_CALL_READS = new MemoSlot<ReadonlyMap<number, EnvLookup>>('env.callReads');

/**
 * The file's calls that read the environment (`envLookupOfCall`), by call id in file order, found
 * once per file for every pass that walks all calls for them. A file that spells none of
 * ENV_CALL_WORDS has none, and its calls are not resolved one by one.
 */
export function envCallReads(py: PythonIndex): ReadonlyMap<number, EnvLookup> {
  return ENV_CALL_READS.of(py, () => {
    const out = new Map<number, EnvLookup>();
    if (!mentionsAny(py.doc.text, ENV_CALL_WORDS)) return out;
    for (const call of py.calls) {
      const read = envLookupOfCall(call, py.imports);
      if (read) out.set(call.id, read);
    }
    return out;
  });
}
