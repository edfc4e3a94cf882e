import { isMainThread, parentPort } from 'node:worker_threads';
import { A as ALL_RULES } from './index2.js';
import { D as DEFAULT_ANALYSIS } from './yaml-tree.js';
import { p as preparePython, a as analyzeCandidate, n as namesFor } from './pool.js';
import './severity.js';
import 'fs';
import './redact.js';
import 'process';
import 'buffer';
import 'node:fs';
import 'node:os';
import 'node:url';
import 'node:util';
import './own-file.js';
import 'node:path';
import './confidence.js';
import 'path';
import 'os';
import 'url';
import 'node:module';
import './timing.js';
import './bandit.js';
import 'node:crypto';

/**
 * Entry of an analysis worker thread (bundled as dist/worker.js; see pool.ts). It receives batches
 * of discovered files, with the configuration's analysis options (rule severities and `off`, file
 * roles, local hosts) as plain data, and answers with each file's findings, suppressed findings,
 * suppression comments and skipped entries. Rules are module singletons that cannot cross a thread
 * boundary, so it runs ALL_RULES itself (less those the options turn off).
 */
const port = parentPort;
if (!isMainThread && port) {
    // One batch at a time, in arrival order (the pool sends the next only after the answer anyway).
    // The first waits for the grammar, loaded at once: the pool may start workers before it has
    // files to send. A grammar that fails to load fails the first parse again, with its reason.
    let chain = preparePython().catch(() => undefined);
    port.on('message', (msg) => {
        chain = chain.then(async () => {
            let reply;
            try {
                const outcomes = [];
                const options = msg.options ?? DEFAULT_ANALYSIS;
                for (const file of msg.files)
                    outcomes.push(await analyzeCandidate(file, ALL_RULES, options, namesFor(ALL_RULES)));
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
