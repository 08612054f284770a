/**
 * `npm run -s carrier:normalize -- --carrier <id> [--tracking-number <n>] <file|->`: reads one raw carrier
 * response or webhook body (JSON or XML; `-` = stdin) and prints `{events:[{status, occurredAt, location?,
 * description, carrierCode}], eta?}` as JSON. When the body holds several tracking numbers, the one with the
 * most recent event is printed unless `--tracking-number` picks one.
 * Exit codes: 0 printed; 1 the body cannot be normalized (reason on stderr); 2 usage error or unreadable file.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CARRIER_IDS, isCarrierId } from '../src/carriers/carrier-adapter.js';
import { normalizeCarrierBody } from '../src/carriers/normalizers.js';

const USAGE =
  'usage: npm run -s carrier:normalize -- --carrier <id> [--tracking-number <n>] <file|->\n' +
  `  carriers: ${CARRIER_IDS.join(', ')}\n` +
  '  <file> is a raw carrier response or webhook body (JSON, or XML for canadapost and legacy usps/fedex); - reads stdin';

function fail(message: string, code: 1 | 2): number {
  process.stderr.write(`carrier:normalize: ${message}\n`);
  return code;
}

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { carrier: { type: 'string' }, 'tracking-number': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.carrier === undefined) return fail(`--carrier is required\n${USAGE}`, 2);
  const carrier = values.carrier.toLowerCase();
  if (!isCarrierId(carrier)) return fail(`unknown carrier "${values.carrier}"; known carriers: ${CARRIER_IDS.join(', ')}`, 2);
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) return fail(`expected exactly one file (or - for stdin)\n${USAGE}`, 2);

  let body: string;
  try {
    // File descriptor 0 reads all of stdin synchronously, which is what a one-shot CLI wants.
    body = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    return fail(`cannot read ${file === '-' ? 'stdin' : file}: ${(error as Error).message}`, 2);
  }

  try {
    const options = values['tracking-number'] === undefined ? {} : { trackingNumber: values['tracking-number'] };
    const out = normalizeCarrierBody(carrier, body, options);
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  } catch (error) {
    return fail(`cannot normalize ${file === '-' ? 'stdin' : file} as ${carrier}: ${(error as Error).message}`, 1);
  }
}

// exitCode rather than process.exit(): lets a large JSON answer finish flushing to a pipe.
process.exitCode = main(process.argv.slice(2));
