import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BaselineTable } from './baseline.js';
import { DenseNet, type TfModelJson } from './dense-net.js';
import type { EstimatorParts } from './estimator.js';
import type { EvaluationReport } from './evaluate.js';
import { FEATURE_SCHEMA_VERSION } from './features.js';
import type { LaneHistorySnapshot } from './lane-history.js';

/**
 * A trained ETA model on disk: `<dir>/<version>/{model.json, weights.bin, metadata.json}` and
 * `<dir>/current.json` naming the version that serves. current.json is replaced atomically (write + rename)
 * after the version's files are complete, so a loader watching its mtime never sees half a model.
 */
export interface EtaMetadata extends EstimatorParts {
  format: 'order-tracking-eta';
  version: string;
  createdAt: string;
  quantileLevels: number[];
  /** Baseline for the time from carrier hand-over to delivery (revisions after pickup), when the data had it. */
  afterPickup?: BaselineTable;
  /** Lane history as of the end of the training data (serving continues from it). */
  history: LaneHistorySnapshot;
  training: {
    rows: number;
    trainRows: number;
    validationRows: number;
    testRows: number;
    /** First and last purchase day of the training data. */
    from: string;
    to: string;
    /** Epochs summed over the ensemble's nets (each stops early on its own). */
    epochs: number;
    /** Nets averaged into the served one (absent in artifacts from before ensembles: one). */
    nets?: number;
    backend: string;
    seconds: number;
    /** What the data was, e.g. a file name or "synthetic demo history". */
    dataLabel: string;
    lateRateTarget: number;
  };
  /** Validation pinball losses and, since schema 4, the validation figures beside the test ones. */
  validation: { modelLoss: number; baselineLoss: number; metrics?: EvaluationReport };
  /** Scores on the last, unseen part of the training window (time-ordered). */
  metrics: EvaluationReport;
}

export interface EtaArtifact {
  metadata: EtaMetadata;
  modelJson: TfModelJson | undefined;
  weights: ArrayBuffer | undefined;
}

export const CURRENT_FILE = 'current.json';

/** Write the artifact as a new version and point current.json at it. Returns the version directory. */
export function saveArtifact(dir: string, artifact: EtaArtifact): string {
  const versionDir = join(dir, artifact.metadata.version);
  mkdirSync(versionDir, { recursive: true });
  if (artifact.modelJson && artifact.weights) {
    writeFileSync(join(versionDir, 'weights.bin'), Buffer.from(artifact.weights));
    writeFileSync(join(versionDir, 'model.json'), JSON.stringify(artifact.modelJson));
  }
  writeFileSync(join(versionDir, 'metadata.json'), JSON.stringify(artifact.metadata));
  const tmp = join(dir, `${CURRENT_FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify({ version: artifact.metadata.version, savedAt: new Date().toISOString() }));
  renameSync(tmp, join(dir, CURRENT_FILE));
  return versionDir;
}

/** The mtime of current.json, or undefined when the directory holds no model yet. */
export function currentMtime(dir: string): number | undefined {
  try {
    return statSync(join(dir, CURRENT_FILE)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Load the current artifact: metadata and the network rebuilt for serving (undefined when none is saved). */
export function loadArtifact(dir: string): { metadata: EtaMetadata; net: DenseNet | undefined } | undefined {
  if (currentMtime(dir) === undefined) return undefined;
  const { version } = JSON.parse(readFileSync(join(dir, CURRENT_FILE), 'utf8')) as { version: string };
  if (!/^[\w.-]+$/.test(version)) throw new Error(`current.json names an invalid version "${version}"`);
  const versionDir = join(dir, version);
  const metadata = JSON.parse(readFileSync(join(versionDir, 'metadata.json'), 'utf8')) as EtaMetadata;
  if (metadata.format !== 'order-tracking-eta') throw new Error(`${versionDir} is not an ETA artifact`);
  if (metadata.featureSpec.version !== FEATURE_SCHEMA_VERSION) {
    throw new Error(`model ${version} uses feature schema ${metadata.featureSpec.version}, this code ${FEATURE_SCHEMA_VERSION}: retrain`);
  }
  let net: DenseNet | undefined;
  try {
    const json = JSON.parse(readFileSync(join(versionDir, 'model.json'), 'utf8')) as TfModelJson;
    const bytes = readFileSync(join(versionDir, 'weights.bin'));
    net = DenseNet.fromTfArtifact(json, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return { metadata, net };
}
