import type { Connection } from 'mongoose';
import { REPORT_INDEXES, reportPipelines, type NamedPipeline, type ReportPeriod } from './report-pipelines.js';
import { promiseOf } from './promise.js';
import type { ReportOrderRow, ReportSourceRows, ReportStatusChangeRow } from './report-rows.js';

/** Rows per round trip: large batches, because a report streams whole cohorts. */
const BATCH_SIZE = 10_000;

type Doc = Record<string, unknown>;

const ms = (value: unknown): number | undefined => {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' && value) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
};

function toOrderRow(doc: Doc): ReportOrderRow {
  const address = doc.shippingAddress as Doc | undefined;
  const deliveredAt = ms(doc.deliveredAt);
  const promise = promiseOf(doc);
  return {
    code: doc.code as string,
    carrierId: doc.carrierId as string,
    ...(typeof address?.country === 'string' ? { country: address.country } : {}),
    placedAt: ms(doc.placedAt)!,
    status: doc.status as string,
    ...(deliveredAt !== undefined ? { deliveredAt } : {}),
    ...(promise ? { promise } : {}),
  };
}

/** Reads the report's source rows and explains its pipelines, over the read model's collections. */
export function createReportSource(connection: Connection) {
  const run = async (p: NamedPipeline): Promise<Doc[]> =>
    (await connection.db!.collection(p.collection).aggregate(p.pipeline, { batchSize: BATCH_SIZE }).toArray()) as Doc[];

  return {
    /** Builds the indexes the report pipelines use (on a fresh database autoIndex does it as well). */
    async ensureIndexes(): Promise<void> {
      for (const index of REPORT_INDEXES) await connection.db!.collection(index.collection).createIndex(index.keys);
    },

    /** Runs every pipeline of the period in parallel and converts the rows. */
    async read(period: ReportPeriod): Promise<ReportSourceRows> {
      const [orders, shipments, exceptions, returns, notifications, feedback] = await Promise.all(reportPipelines(period).map(run));
      return {
        orders: orders!.map(toOrderRow),
        shipments: shipments!.map((d) => {
          const shippedAt = ms((d.milestoneAt as Doc | undefined)?.shipped);
          const deliveredAt = ms(d.deliveredAt);
          return { orderCode: d.orderCode as string, ...(shippedAt !== undefined ? { shippedAt } : {}), ...(deliveredAt !== undefined ? { deliveredAt } : {}) };
        }),
        statusChanges: [...exceptions!, ...returns!].map((d) => ({ orderCode: d.orderCode as string, to: d.to as ReportStatusChangeRow['to'] })),
        notifications: notifications!.map((d) => ({ orderCode: d.orderCode as string, channel: d.channel as string, status: d.status as string })),
        feedback: feedback!.map((d) => ({ orderCode: d.orderCode as string, ...(typeof d.rating === 'number' ? { rating: d.rating } : {}) })),
      };
    },

    /** The server's explain output for each pipeline of the period (for tests and the benchmark). */
    async explain(period: ReportPeriod): Promise<{ name: string; plan: Doc }[]> {
      return Promise.all(
        reportPipelines(period).map(async (p) => ({ name: p.name, plan: (await connection.db!.collection(p.collection).aggregate(p.pipeline).explain()) as Doc })),
      );
    },

    /** Times one named pipeline alone (benchmark). Returns rows read. */
    async runOne(period: ReportPeriod, name: string): Promise<number> {
      const p = reportPipelines(period).find((x) => x.name === name);
      if (!p) throw new Error(`no report pipeline named ${name}`);
      return (await run(p)).length;
    },
  };
}

export type ReportSource = ReturnType<typeof createReportSource>;
