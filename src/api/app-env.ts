import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import type { Logger } from '../observability/logger.js';
import type { AbuseLimits } from './middleware/abuse-limits.js';
import type { ApiServices } from '../services/services.js';
import type { Actor } from '../services/admin-actions/index.js';
import { validationHook } from './validation-hook.js';

/**
 * Variables a request carries through the middleware: its id (`requestId()`), and on admin and reports
 * routes the caller (`adminAccess`).
 */
export type AppEnv = { Variables: { requestId: string; actor?: Actor } };

/** A router of one area, mounted by `createApp` at `path` (its routes keep their full paths under it). */
export interface MountedRouter {
  path: string;
  router: Hono<AppEnv>;
}

/** What `createApp` and every area's router are built from. */
export interface AppDeps {
  /** Use-cases and queries; handlers never reach a repository. */
  services: ApiServices;
  logger: Logger;
  auth: { storefrontApiKeys: string[]; adminApiKeys: string[] };
  /** How customers reach this service (links, the OpenAPI server entry; https turns on HSTS). */
  publicBaseUrl: string;
  /** The API's version in the OpenAPI document; defaults to package.json's. */
  version?: string;
  /** Largest webhook body accepted (bytes); default 1 MiB. */
  webhookMaxBodyBytes?: number;
  /**
   * Routers of other areas, mounted after the API's own: e.g. the customer pages at `/` (src/web) and the
   * admin pages at `/admin`. An OpenAPIHono router's documented routes join `/openapi.json`.
   */
  extraRouters?: MountedRouter[];
  /** Limits on failed authentications and empty tracking look-ups (none when absent, e.g. unit tests). */
  abuseLimits?: AbuseLimits;
}

/** A router for one area: the shared validation hook turns zod failures into the one error shape. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
