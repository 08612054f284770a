import type { Hook } from '@hono/zod-openapi';
import { AppError } from './errors.js';

/** Turns zod validation failures into the shared error shape (400 with the failing paths). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hook serves every route, whatever its types
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (result.success) return;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const summary = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  throw new AppError(400, 'VALIDATION_FAILED', `Invalid request: ${summary}`, { issues });
};
