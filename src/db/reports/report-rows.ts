/**
 * The rows the delivery-performance report reads, one shape per source collection: only the fields the
 * report needs (the pipelines project them), dates as epoch ms. Plain data, shared with the pure fold.
 */
export interface ReportOrderRow {
  code: string;
  carrierId: string;
  country?: string;
  placedAt: number;
  status: string;
  deliveredAt?: number;
  /** The promise made at purchase (`promisedDelivery`, else a shop-sourced `estimatedDelivery`). */
  promise?: { date?: string; latest?: string };
}

export interface ReportShipmentRow {
  orderCode: string;
  /** Carrier hand-off: when the `shipped` milestone was reached (ISO string in the projection). */
  shippedAt?: number;
  deliveredAt?: number;
}

export interface ReportStatusChangeRow {
  orderCode: string;
  to: 'exception' | 'returned_to_sender';
}

export interface ReportNotificationRow {
  orderCode: string;
  channel: string;
  status: string;
}

export interface ReportFeedbackRow {
  orderCode: string;
  rating?: number;
}

/** Everything one report reads. */
export interface ReportSourceRows {
  orders: ReportOrderRow[];
  shipments: ReportShipmentRow[];
  statusChanges: ReportStatusChangeRow[];
  notifications: ReportNotificationRow[];
  feedback: ReportFeedbackRow[];
}
