import { flaskSummarizer } from '../models/flask/summary.js';
import type { Summarizer } from './summarizer.js';

/**
 * Every domain's module summariser, in the order their sections are built. A domain that needs
 * facts from other modules in phase 2 adds its summariser here (one per domain, beside its model).
 */
export const SUMMARIZERS: readonly Summarizer[] = [flaskSummarizer];
