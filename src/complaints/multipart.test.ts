import { describe, expect, it } from 'vitest';
import { parseMultipart, sniffImage } from './multipart.js';

const limits = { maxParts: 12, maxFieldBytes: 16384 };

async function encode(form: FormData) {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    body: Buffer.from(await request.arrayBuffer()),
    type: request.headers.get('content-type') as string,
  };
}

describe('multipart/form-data', () => {
  it('reads fields (UTF-8, line breaks kept) and files as a browser sends them', async () => {
    const form = new FormData();
    form.append('description', '第一行\r\n第二行 -- 不是分隔符');
    form.append('contact', '13812345678');
    form.append(
      'photos',
      new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2])], { type: 'image/jpeg' }),
      '照片 "1".jpg',
    );
    const { body, type } = await encode(form);
    const parsed = parseMultipart(body, type, limits);
    expect(parsed.fields).toEqual({ description: '第一行\r\n第二行 -- 不是分隔符', contact: '13812345678' });
    expect(parsed.files).toHaveLength(1);
    expect(parsed.files[0]).toMatchObject({ field: 'photos', declaredType: 'image/jpeg' });
    expect([...(parsed.files[0]?.data ?? [])]).toEqual([0xff, 0xd8, 0xff, 0xe0, 1, 2]);
  });

  it('refuses a body without its boundary, an unterminated part and too many parts', async () => {
    expect(() => parseMultipart(Buffer.from('x'), 'multipart/form-data', limits)).toThrow(/boundary/);
    expect(() =>
      parseMultipart(
        Buffer.from('--b\r\ncontent-disposition: form-data; name="a"\r\n\r\nvalue'),
        'multipart/form-data; boundary=b',
        limits,
      ),
    ).toThrow(/unterminated/);
    const form = new FormData();
    for (let i = 0; i < 13; i++) form.append(`f${i}`, 'v');
    const { body, type } = await encode(form);
    expect(() => parseMultipart(body, type, limits)).toThrow(/At most 12/);
  });

  it('tells images by their first bytes', () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png');
    expect(sniffImage(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe(
      'image/webp',
    );
    expect(sniffImage(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });
});
