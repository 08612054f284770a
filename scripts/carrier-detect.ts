/**
 * `npm run -s carrier:detect -- <tracking-number>`: validates a tracking number and detects its
 * carrier offline (format + check digit), printing `{carrier, valid, service?, candidates?}` as JSON.
 * Exit code 0 when valid, 1 when invalid or unknown, 2 on a usage error.
 */
import { detectCarrier } from '../src/carriers/tracking-number/index.js';

const USAGE = 'usage: npm run -s carrier:detect -- <tracking-number>\n' +
  '  spaces and dashes are ignored, so "1Z 879E 930 346 834 440" may be passed unquoted';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
// Several arguments are one number typed with spaces (labels print them grouped), not a list.
const input = args.join('');
if (input.trim() === '' || input.startsWith('-')) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

const { carrier, valid, service, candidates, reason } = detectCarrier(input);
process.stdout.write(`${JSON.stringify({ carrier, valid, service, candidates, reason })}\n`);
process.exit(valid ? 0 : 1);
