import type { Context, Hono } from 'hono';
import { renderReportCsv } from '../../../services/reports/csv.js';
import type { EtaAccuracy } from '../../../db/eta-outcomes/repository.js';
import { sendPage } from '../../routes/render.js';
import type { AdminPagesDeps } from '../admin-deps.js';
import { periodFrom } from '../format.js';
import type { AdminEnv } from '../http/admin-session.js';
import { CarriersPage } from '../pages/carriers-page.js';
import { DashboardPage, type EtaFigures } from '../pages/dashboard-page.js';

const etaFigures = (g: EtaAccuracy): EtaFigures => ({ n: g.n, promiseMaeDays: g.promise.maeDays, promiseLateRate: g.promise.lateRate, rangeCoverage: g.rangeCoverage });

/** The period's totals over all carriers, weighted by deliveries. */
function etaTotal(groups: EtaAccuracy[]): EtaFigures | null {
  const n = groups.reduce((s, g) => s + g.n, 0);
  if (n === 0) return null;
  const w = (get: (g: EtaAccuracy) => number) => groups.reduce((s, g) => s + get(g) * g.n, 0) / n;
  const covered = groups.filter((g) => g.rangeCoverage !== null);
  const nc = covered.reduce((s, g) => s + g.n, 0);
  return {
    n,
    promiseMaeDays: w((g) => g.promise.maeDays),
    promiseLateRate: w((g) => g.promise.lateRate),
    rangeCoverage: nc ? covered.reduce((s, g) => s + g.rangeCoverage! * g.n, 0) / nc : null,
  };
}

/** The dashboard (`/admin/`), the carrier comparison (`/admin/carriers`) and its CSV (`/admin/carriers.csv`). */
export function registerReportRoutes(router: Hono<AdminEnv>, deps: AdminPagesDeps): void {
  const now = () => (deps.now ?? Date.now)();
  const name = (id: string) => deps.carrierNames[id] ?? id;
  const periodOf = (c: Context) => periodFrom({ from: c.req.query('from'), to: c.req.query('to') }, now());
  const query = (p: ReturnType<typeof periodOf>, groupBy: 'day' | 'week' | 'carrier', carrierId?: string) => ({
    from: new Date(`${p.from}T00:00:00Z`),
    to: new Date(`${p.toExclusive}T00:00:00Z`),
    groupBy,
    ...(carrierId ? { carrierId } : {}),
  });

  router.get('/', async (c) => {
    const period = periodOf(c);
    const [byCarrier, byDay, eta, synthetic] = await Promise.all([
      deps.reports.report(query(period, 'carrier')),
      deps.reports.report(query(period, 'day')),
      deps.eta.accuracy('carrier', `${period.from}T00:00:00.000Z`),
      deps.queries.syntheticOrders(query(period, 'day').from, query(period, 'day').to),
    ]);
    const etaView = { total: etaTotal(eta.groups), byCarrier: new Map(eta.groups.map((g) => [g.key, etaFigures(g)])) };
    return sendPage(c, <DashboardPage session={c.get('session')} period={period} byCarrier={byCarrier} byDay={byDay} eta={etaView} synthetic={synthetic} carrierName={name} />);
  });

  router.get('/carriers', async (c) => {
    const period = periodOf(c);
    const [byCarrier, synthetic] = await Promise.all([deps.reports.report(query(period, 'carrier')), deps.queries.syntheticOrders(query(period, 'day').from, query(period, 'day').to)]);
    const weekly = await Promise.all(byCarrier.groups.map(async (g) => ({ carrierId: g.key, report: await deps.reports.report(query(period, 'week', g.key)) })));
    return sendPage(c, <CarriersPage session={c.get('session')} period={period} byCarrier={byCarrier} weekly={weekly} synthetic={synthetic} carrierName={name} />);
  });

  router.get('/carriers.csv', async (c) => {
    const period = periodOf(c);
    const report = await deps.reports.report(query(period, 'carrier'));
    c.header('Content-Disposition', `attachment; filename="delivery-performance-${period.from}-${period.to}.csv"`);
    c.header('Cache-Control', 'no-store');
    return c.body(renderReportCsv(report), 200, { 'content-type': 'text/csv; charset=utf-8' });
  });
}
