/**
 * Reads an explain answer and says which index scans it contains, for mongod (`IXSCAN` stages in the
 * query planner's winning plan, also inside an aggregation's `$cursor` stage) and for FerretDB 1.x
 * (a PostgreSQL plan under `queryPlanner.Plan` with `Index Scan`/`Bitmap Index Scan` nodes, plus its
 * `filterPushdown` flag: false means FerretDB filtered in its own process after a full read).
 */
export interface PlanIndexUse {
  server: 'mongod' | 'ferretdb' | 'unknown';
  /** Names of the indexes scanned (mongod: index names; FerretDB: PostgreSQL index names). */
  indexes: string[];
  /** Whether the plan reads the whole collection anywhere (COLLSCAN / Seq Scan). */
  fullScan: boolean;
  /** FerretDB only: whether the filter reached PostgreSQL. */
  filterPushdown?: boolean;
}

type Node = Record<string, unknown>;

function walk(value: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value && typeof value === 'object') {
    visit(value as Node);
    for (const v of Object.values(value)) walk(v, visit);
  }
}

export function planIndexUse(explain: Record<string, unknown>): PlanIndexUse {
  const indexes = new Set<string>();
  let fullScan = false;
  const planner = explain.queryPlanner as Node | undefined;
  if (planner && 'Plan' in planner) {
    walk(planner.Plan, (node) => {
      const type = node['Node Type'];
      if (typeof type === 'string' && /Index (Only )?Scan/.test(type) && typeof node['Index Name'] === 'string') indexes.add(node['Index Name']);
      if (type === 'Seq Scan') fullScan = true;
    });
    return { server: 'ferretdb', indexes: [...indexes], fullScan, filterPushdown: explain.filterPushdown === true };
  }
  let sawPlanner = false;
  walk(explain, (node) => {
    if ('winningPlan' in node) sawPlanner = true;
    if (node.stage === 'IXSCAN' && typeof node.indexName === 'string') indexes.add(node.indexName);
    if (node.stage === 'COLLSCAN') fullScan = true;
  });
  return { server: sawPlanner ? 'mongod' : 'unknown', indexes: [...indexes], fullScan };
}
