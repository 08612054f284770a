/** The scans the notification benchmark sends per shipment, in order, and the notification trigger each one's milestone fires. */
export const MILESTONE_SCANS = [
  { code: 'PU', trigger: 'shipped' },
  { code: 'OD', trigger: 'out_for_delivery' },
  { code: 'DL', trigger: 'delivered' },
] as const;
export type MilestoneTrigger = (typeof MILESTONE_SCANS)[number]['trigger'];
