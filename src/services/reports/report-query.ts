import { z } from 'zod';
import { REPORT_GROUP_BY, type ReportGroupBy } from './report-types.js';

/** The longest period one report may span: a year of cohorts is as much as a dashboard should stream. */
export const MAX_REPORT_DAYS = 366;

/** Query parameters of GET /api/v1/reports/delivery-performance (strings, as they come from a URL). */
export const reportQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).or(z.iso.date()),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()),
    carrier: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a carrier id: lower-case letters, digits, - and _').optional(),
    groupBy: z.enum(REPORT_GROUP_BY).default('day'),
  })
  .transform((q, ctx) => {
    const from = new Date(q.from);
    const to = new Date(q.to);
    if (!(from < to)) ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must be after `from`' });
    if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * 86_400_000) ctx.addIssue({ code: 'custom', path: ['to'], message: `a report spans at most ${MAX_REPORT_DAYS} days` });
    return { from, to, groupBy: q.groupBy as ReportGroupBy, ...(q.carrier ? { carrierId: q.carrier } : {}) };
  });

export type ReportQuery = z.output<typeof reportQuerySchema>;
