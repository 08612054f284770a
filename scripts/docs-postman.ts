/**
 * `npm run docs:postman [-- --out <file>] [--base-url <url>]`: writes a Postman Collection v2.1 generated
 * from the API's OpenAPI document (default `docs/order-tracking.postman_collection.json`), with carrier
 * webhook examples read from the repository's carrier fixtures (`test/fixtures/carriers/`). Prints the path and counts.
 * Exit codes: 0 written; 2 usage error.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildOpenApiDocument } from './postman/openapi-document.js';
import { openApiToPostman } from './postman/postman-collection.js';
import type { PostmanFolder, PostmanItem } from './postman/postman-model.js';
import { WEBHOOK_EXAMPLE_FILES, type WebhookExample } from './postman/postman-webhook-examples.js';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const CARRIER_FIXTURES = resolve(REPO, 'test/fixtures/carriers');
const USAGE = 'usage: npm run docs:postman -- [--out <file>] [--base-url <url>]';

/** Webhook bodies that exist on this machine; a missing folder or file is reported, not fatal. */
function readWebhookExamples(): WebhookExample[] {
  if (!existsSync(CARRIER_FIXTURES)) {
    process.stdout.write(`note: ${CARRIER_FIXTURES} not found; skipping the carrier webhook examples folder\n`);
    return [];
  }
  return WEBHOOK_EXAMPLE_FILES.flatMap(({ carrier, name, file }) => {
    const path = resolve(CARRIER_FIXTURES, file);
    if (existsSync(path)) return [{ carrier, name, body: readFileSync(path, 'utf8') }];
    process.stdout.write(`note: ${path} not found; skipping that webhook example\n`);
    return [];
  });
}

const isFolder = (entry: PostmanFolder | PostmanItem): entry is PostmanFolder => 'item' in entry;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { out: { type: 'string' }, 'base-url': { type: 'string' } } }));
  } catch (error) {
    process.stderr.write(`docs:postman: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const out = resolve(values.out ?? resolve(REPO, 'docs/order-tracking.postman_collection.json'));
  // The document's version is package.json's, as the running API serves it.
  const doc = await buildOpenApiDocument(values['base-url'] ?? 'http://localhost:3000');
  const collection = openApiToPostman(doc, { webhookExamples: readWebhookExamples() });

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(collection, null, 2)}\n`);
  const folders = collection.item.filter(isFolder);
  const requests = collection.item.filter((e) => !isFolder(e)).length + folders.reduce((n, f) => n + f.item.length, 0);
  process.stdout.write(`wrote ${out}: ${folders.length} folders, ${requests} requests\n`);
  for (const folder of folders) process.stdout.write(`  ${folder.name}: ${folder.item.length}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
