import { run } from './action/main.js';
import { tuneJitForBatch } from './engine/jit.js';

tuneJitForBatch();

await run();
