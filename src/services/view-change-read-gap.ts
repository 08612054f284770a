/**
 * How long a gap `CustomerPageParts.viewChanges` reads (ms): its repositories read by second and refuse a
 * longer window. The pages' change feed skips a longer gap by this same limit (src/web may not import src/db),
 * so the feed and the reader cannot disagree. This module imports no repository (no mongoose for the pages).
 */
export { MAX_READ_GAP_MS } from '../db/written-since.js';
