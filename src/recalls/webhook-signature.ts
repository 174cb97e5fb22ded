import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, Stripe style: `x-suyuan-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>" with the webhook's secret>`. The timestamp is inside the signed bytes, so a
 * captured delivery stops verifying once it is older than the receiver's tolerance.
 * Only node:crypto is used: receivers may copy this file as it is.
 */
export const signatureHeader = 'x-suyuan-signature';
/** Five minutes either way: how far a delivery's timestamp may be from the receiver's clock. */
export const signatureToleranceSeconds = 300;

function hmac(secret: string, timestamp: string, body: string | Uint8Array): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/** The header value for `body` sent at `at`; every attempt is signed again with its own time. */
export function sign(secret: string, body: string, at: Date = new Date()): string {
  const t = String(Math.floor(at.getTime() / 1000));
  return `t=${t},v1=${hmac(secret, t, body).toString('hex')}`;
}

/**
 * True when `header` signs `body` (the raw bytes as received, before any JSON parsing) with
 * `secret` and its timestamp is within `toleranceSeconds` of `now`, in the past or the future.
 * Any `v1` entry may match (room for a second secret during a rotation); unknown entries are
 * ignored; a header without exactly one `t` or without a `v1` does not verify. Compared in
 * constant time. Receivers should also drop a repeated delivery (the body's `id`, which is signed):
 * a copy replayed inside the window verifies too.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string | Uint8Array,
  now: Date = new Date(),
  toleranceSeconds: number = signatureToleranceSeconds,
): boolean {
  if (!header || !secret) return false;
  const stamps: string[] = [];
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return false;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') stamps.push(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  const stamp = stamps.length === 1 ? stamps[0] : undefined;
  if (!stamp || !/^\d{1,12}$/.test(stamp) || signatures.length === 0) return false;
  // written so that a NaN (an invalid `now` or tolerance) refuses instead of accepting any time
  if (!(Math.abs(now.getTime() / 1000 - Number(stamp)) <= toleranceSeconds)) return false;
  // The timestamp exactly as sent is what was signed.
  const expected = hmac(secret, stamp, body);
  let valid = false;
  // Every entry is compared, so the time taken does not tell which one matched.
  for (const candidate of signatures) valid = timingSafeEqual(candidate, expected) || valid;
  return valid;
}
