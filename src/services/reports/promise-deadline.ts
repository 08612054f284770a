export { promiseDeadline } from '../../db/reports/promise.js';
