import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The installed swagger-ui-dist's files the docs page uses; served by this app, never from a CDN. */
export const SWAGGER_ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
} as const;

export type SwaggerAsset = keyof typeof SWAGGER_ASSETS;

const distDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const cache = new Map<SwaggerAsset, Promise<Buffer>>();

/** Reads an asset once per process (the bundle is about 1.5 MB); later requests get the same bytes. */
export function readSwaggerAsset(name: SwaggerAsset): Promise<Buffer> {
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFile(join(distDir, name));
    // A failed read is not kept: the next request tries again.
    bytes.catch(() => cache.delete(name));
    cache.set(name, bytes);
  }
  return bytes;
}

/** The version of the installed swagger-ui-dist: part of asset URLs, so browsers re-fetch after an upgrade. */
export function swaggerUiVersion(): string {
  return (createRequire(import.meta.url)('swagger-ui-dist/package.json') as { version: string }).version;
}
