/** A Twilio REST error body: `{code, message, more_info, status}`. */
export function twilioError(status: number, code: number, message: string): { status: number; body: Record<string, unknown> } {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

/** Twilio's magic test numbers (test credentials) and what creating a message to them answers. */
export const DEFAULT_REJECTED_NUMBERS: Record<string, number> = {
  '+15005550001': 21211,
  '+15005550002': 21612,
  '+15005550003': 21408,
  '+15005550004': 21610,
  '+15005550009': 21614,
};

/** Error messages per create-time code, as Twilio words them. */
export const CREATE_ERROR_MESSAGES: Record<number, string> = {
  21211: "Invalid 'To' Phone Number",
  21408: 'Permission to send an SMS has not been enabled for the region indicated by the \'To\' number',
  21602: 'Message body is required.',
  21603: "A 'From' or 'MessagingServiceSid' parameter is required to send a message",
  21604: "A 'To' phone number is required.",
  21610: 'Attempt to send to unsubscribed recipient',
  21612: "The 'To' phone number is not currently reachable via SMS",
  21614: "'To' number is not a valid mobile number",
  21617: 'The concatenated message body exceeds the 1600 character limit.',
};

/** Delivery error messages for callbacks' final states. */
export const DELIVERY_ERROR_MESSAGES: Record<number, string> = {
  30003: 'Unreachable destination handset',
  30004: 'Message blocked',
  30005: 'Unknown destination handset',
  30006: 'Landline or unreachable carrier',
  30007: 'Message filtered',
  30008: 'Unknown error',
};
