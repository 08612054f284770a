export { dateInWords, dateRangeInWords, localDate } from './date-words.js';
export { countSegments, gsm7Septets, isGsm7, toGsm7Friendly, type SegmentCount } from './gsm7.js';
export { renderOperatorAlert, type OperatorAlert, type OperatorAlertContent } from './operator-alerts.js';
export { renderEmail } from './render-email.js';
export { renderPush } from './render-push.js';
export { renderSms } from './render-sms.js';
export * from './template-types.js';
