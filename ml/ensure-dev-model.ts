import { currentMtime, loadArtifact, saveArtifact } from './artifact.js';
import { parseDeliveryCsv } from './delivery-csv.js';
import { DEMO_DEFAULTS, demoCsv } from './demo-history.js';
import { trainEta } from './train.js';

export const DEMO_DATA_LABEL = 'SYNTHETIC demo history';

/**
 * For `npm run dev`: when `dir` holds no model yet, train one on the labelled synthetic demo history (or on a
 * CSV the user names) and save it; otherwise leave the current one (unless it cannot load, e.g. an older
 * feature schema: then a new one is trained). Returns the line the dev script prints
 * to say which model serves.
 */
export async function ensureDevModel(dir: string, options: { csvText?: string; csvLabel?: string; count?: number; log?: (l: string) => void } = {}): Promise<string> {
  if (currentMtime(dir) !== undefined) {
    try {
      const md = loadArtifact(dir)!.metadata;
      return `ETA: model ${md.version} trained on ${md.training.rows} deliveries (${md.training.dataLabel})`;
    } catch (err) {
      // A model of an older feature schema (or a broken one) cannot serve: train a new one beside it.
      options.log?.(`the model in ${dir} cannot serve (${err instanceof Error ? err.message : String(err)}): training a new one`);
    }
  }
  const text = options.csvText ?? demoCsv({ count: options.count ?? DEMO_DEFAULTS.count });
  const deliveries = parseDeliveryCsv(text).flatMap((r) => (r.delivery ? [r.delivery] : []));
  const label = options.csvText ? options.csvLabel ?? 'user CSV' : DEMO_DATA_LABEL;
  const artifact = await trainEta(deliveries, { dataLabel: label, ...(options.log ? { log: options.log } : {}) });
  saveArtifact(dir, artifact);
  return `ETA: model ${artifact.metadata.version} trained now on ${deliveries.length} deliveries (${label})`;
}
