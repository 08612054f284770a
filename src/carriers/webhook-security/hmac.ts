import { createHmac } from 'node:crypto';

/** Key material as the providers document it: a UTF-8 string or raw bytes. */
export type HmacKey = string | Buffer;

/** HMAC of the raw request bytes (never re-serialized JSON), lowercase hex. SHA-256 unless told. */
export function hmacHex(key: HmacKey, message: Buffer, algorithm = 'sha256'): string {
  return createHmac(algorithm, key).update(message).digest('hex');
}

/** HMAC of the raw request bytes, standard base64 with padding. SHA-256 unless told. */
export function hmacBase64(key: HmacKey, message: Buffer, algorithm = 'sha256'): string {
  return createHmac(algorithm, key).update(message).digest('base64');
}
