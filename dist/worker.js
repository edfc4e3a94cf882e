import { isMainThread, parentPort } from 'node:worker_threads';
import { a as analyzeCandidate, A as ALL_RULES } from './pool.js';
import 'node:fs';
import 'node:os';
import 'node:url';
import 'node:util';
import 'fs';
import 'path';
import 'os';
import 'url';
import 'process';
import 'buffer';
import 'node:module';
import 'node:crypto';

/**
 * Entry of an analysis worker thread (bundled as dist/worker.js; see pool.ts). It receives batches
 * of discovered files and answers with each file's findings and skipped entries, as plain data.
 * Rules are module singletons that cannot cross a thread boundary, so it runs ALL_RULES itself.
 */
const port = parentPort;
if (!isMainThread && port) {
    // One batch at a time, in arrival order (the pool sends the next only after the answer anyway).
    let chain = Promise.resolve();
    port.on('message', (msg) => {
        chain = chain.then(async () => {
            let reply;
            try {
                const outcomes = [];
                for (const file of msg.files)
                    outcomes.push(await analyzeCandidate(file, ALL_RULES));
                reply = { type: 'done', id: msg.id, outcomes };
            }
            catch (e) {
                reply = { type: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) };
            }
            port.postMessage(reply);
        });
    });
    const ready = { type: 'ready' };
    port.postMessage(ready);
}
