/**
 * Write a labelled SYNTHETIC delivery history (deterministic seed) for tests, demos and `npm run dev`:
 * npm run eta:demo-data -- [--out .data/eta-demo-deliveries.csv] [--count 3000] [--seed 42]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEMO_DEFAULTS, demoCsv } from '../ml/demo-history.js';
import { parseFlags, positive } from './bench/cli-args.js';

const flags = parseFlags(
  process.argv.slice(2),
  {
    out: { default: '.data/eta-demo-deliveries.csv', help: 'where to write the CSV' },
    count: { default: String(DEMO_DEFAULTS.count), help: 'orders' },
    seed: { default: String(DEMO_DEFAULTS.seed), help: 'random seed (same seed, same file)' },
    start: { default: DEMO_DEFAULTS.start, help: 'first purchase day' },
    days: { default: String(DEMO_DEFAULTS.days), help: 'days the purchases spread over' },
  },
  'Usage: npm run eta:demo-data -- [--out <csv>]',
);

mkdirSync(dirname(flags.out), { recursive: true });
writeFileSync(flags.out, demoCsv({ count: positive(flags, 'count'), seed: Number(flags.seed), start: flags.start, days: positive(flags, 'days') }));
process.stderr.write(`[eta:demo-data] wrote ${flags.count} SYNTHETIC deliveries (seed ${flags.seed}) to ${flags.out}\n`);
process.stdout.write(`${flags.out}\n`);
