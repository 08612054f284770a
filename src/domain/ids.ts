/** Workflow ids derive from business keys through this one helper, never from run ids or random values. */
export function shipmentWorkflowId(orderCode: string): string {
  return `shipment-${orderCode}`;
}
