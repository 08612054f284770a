/** The names admin actions are audited under (`action` of an audit entry). */
export const AUDIT_ACTIONS = {
  pollNow: 'shipment.poll-now',
  addNote: 'shipment.note-added',
  markStallHandled: 'shipment.stall-handled',
  markInPreparation: 'shipment.in-preparation',
  rematchWebhook: 'webhook.rematched',
  discardWebhook: 'webhook.discarded',
  createUser: 'user.created',
  setUserRole: 'user.role-changed',
  disableUser: 'user.disabled',
  enableUser: 'user.enabled',
  resetPassword: 'user.password-reset',
  createApiKey: 'api-key.created',
  revokeApiKey: 'api-key.revoked',
  signIn: 'user.signed-in',
  signInFailed: 'user.sign-in-failed',
  signOut: 'user.signed-out',
} as const;

export type AuditActionName = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];
