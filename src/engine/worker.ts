/**
 * Entry of an analysis worker thread (bundled as dist/worker.js; see pool.ts). It receives batches
 * of discovered files, with the configuration's analysis options (rule severities and `off`, file
 * roles, local hosts) as plain data, and answers with each file's findings, suppressed findings,
 * suppression comments and skipped entries. Rules are module singletons that cannot cross a thread
 * boundary, so it runs ALL_RULES itself (less those the options turn off).
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { ALL_RULES } from '../rules/index.js';
import { DEFAULT_ANALYSIS } from './options.js';
import { preparePython } from '../parse/python.js';
import { analyzeCandidate, namesFor, type FileOutcome, type FromWorker, type ToWorker } from './pool.js';

const port = parentPort;
if (!isMainThread && port) {
  // One batch at a time, in arrival order (the pool sends the next only after the answer anyway).
  // The first waits for the grammar, loaded at once: the pool may start workers before it has
  // files to send. A grammar that fails to load fails the first parse again, with its reason.
  let chain: Promise<void> = preparePython().catch(() => undefined);
  port.on('message', (msg: ToWorker) => {
    chain = chain.then(async () => {
      let reply: FromWorker;
      try {
        const outcomes: FileOutcome[] = [];
        const options = msg.options ?? DEFAULT_ANALYSIS;
        for (const file of msg.files)
          outcomes.push(await analyzeCandidate(file, ALL_RULES, options, namesFor(ALL_RULES)));
        reply = { type: 'done', id: msg.id, outcomes };
      } catch (e) {
        reply = { type: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) };
      }
      port.postMessage(reply);
    });
  });
  const ready: FromWorker = { type: 'ready' };
  port.postMessage(ready);
}
