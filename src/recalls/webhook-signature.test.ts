import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sign, verifyWebhookSignature } from './webhook-signature.js';

describe('webhook signatures', () => {
  const secret = 'Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4';
  const body = JSON.stringify({ id: '42', event: 'recall.notice', recall: { title: '豇豆农药残留超标' } });
  const sentAt = new Date('2025-06-01T08:00:00.400Z');
  const header = sign(secret, body, sentAt);
  const secondsLater = (seconds: number) => new Date(sentAt.getTime() + seconds * 1000);

  it('signs "<unix seconds>.<body>" with HMAC-SHA256 and sends the timestamp with it', () => {
    const t = 1748764800;
    const hex = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${hex}`);
  });

  it('accepts a delivery signed with the secret, as a string or as the raw bytes', () => {
    expect(verifyWebhookSignature(secret, header, body, secondsLater(1), 300)).toBe(true);
    expect(verifyWebhookSignature(secret, header, Buffer.from(body), secondsLater(1), 300)).toBe(true);
    expect(verifyWebhookSignature(secret, header, body, sentAt)).toBe(true);
  });

  it('refuses a tampered body', () => {
    const tampered = body.replace('recall.notice', 'recall.closed');
    expect(verifyWebhookSignature(secret, header, tampered, secondsLater(1), 300)).toBe(false);
    expect(verifyWebhookSignature(secret, header, `${body} `, secondsLater(1), 300)).toBe(false);
  });

  it('refuses a signature made with another secret', () => {
    expect(verifyWebhookSignature(`${secret}x`, header, body, secondsLater(1), 300)).toBe(false);
    expect(verifyWebhookSignature('', header, body, secondsLater(1), 300)).toBe(false);
  });

  it('refuses a delivery older than the tolerance: a captured one cannot be replayed later', () => {
    expect(verifyWebhookSignature(secret, header, body, secondsLater(299), 300)).toBe(true);
    expect(verifyWebhookSignature(secret, header, body, secondsLater(301), 300)).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, secondsLater(86_400), 300)).toBe(false);
    // Nor can the old signature be moved to a fresh timestamp.
    const moved = header.replace(/^t=\d+/, `t=${Math.floor(secondsLater(86_400).getTime() / 1000)}`);
    expect(verifyWebhookSignature(secret, moved, body, secondsLater(86_400), 300)).toBe(false);
  });

  it('refuses rather than accepts when the clock or the tolerance is not a number', () => {
    expect(verifyWebhookSignature(secret, header, body, new Date(Number.NaN), 300)).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, secondsLater(1), Number.NaN)).toBe(false);
  });

  it('refuses a timestamp too far in the future', () => {
    expect(verifyWebhookSignature(secret, header, body, secondsLater(-299), 300)).toBe(true);
    expect(verifyWebhookSignature(secret, header, body, secondsLater(-301), 300)).toBe(false);
  });

  it('refuses malformed headers', () => {
    const hex = header.split('v1=')[1] as string;
    const t = header.slice(2, header.indexOf(','));
    for (const bad of [
      undefined,
      '',
      `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`, // the old, timeless form
      `v1=${hex}`,
      `t=${t}`,
      `t=${t},v1=`,
      `t=${t},v1=${hex.slice(2)}`,
      `t=${t},v1=${hex.toUpperCase()}`,
      `t=${t},v0=${hex}`,
      `t=,v1=${hex}`,
      `t=${t}.5,v1=${hex}`,
      `t=-${t},v1=${hex}`,
      `t=${t},t=${t},v1=${hex}`,
      `t=${t};v1=${hex}`,
      `t=${t},v1=${hex},garbage`,
    ])
      expect(verifyWebhookSignature(secret, bad, body, secondsLater(1), 300), String(bad)).toBe(false);
  });

  it('accepts any one matching v1 among several and ignores unknown entries', () => {
    const other = sign('another secret', body, sentAt).split('v1=')[1];
    const v1 = header.split('v1=')[1];
    const t = header.slice(2, header.indexOf(','));
    expect(verifyWebhookSignature(secret, `t=${t},v1=${other},v1=${v1}`, body, secondsLater(1), 300)).toBe(
      true,
    );
    expect(verifyWebhookSignature(secret, `t=${t}, v2=abc, v1=${v1}`, body, secondsLater(1), 300)).toBe(true);
    expect(verifyWebhookSignature(secret, `t=${t},v1=${other}`, body, secondsLater(1), 300)).toBe(false);
  });
});
