import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildDigitalLink, parseDigitalLink } from './digital-link.js';

describe('parseDigitalLink', () => {
  test('splits origin, path prefix, key, qualifiers, data attributes, linkType and other parameters', () => {
    expect(
      parseDigitalLink(
        'https://brand.example/shop/01/09506000134352/10/AB%2F1/21/x?17=301231&linkType=gs1:pip&lang=zh',
      ),
    ).toEqual({
      ok: true,
      value: {
        origin: 'https://brand.example',
        pathPrefix: '/shop',
        key: { ai: '01', value: '09506000134352' },
        qualifiers: [
          { ai: '10', value: 'AB/1' },
          { ai: '21', value: 'x' },
        ],
        attributes: [{ ai: '17', value: '301231' }],
        linkType: 'gs1:pip',
        otherParams: [['lang', 'zh']],
      },
    });
  });

  test.each([
    ['https://id.gs1.org/414/9506000134307/254/1', true],
    ['https://id.gs1.org/414/9506000134307/7040/1ABC', true],
    ['https://id.gs1.org/8010/4012345ABC/8011/123', true],
    ['https://id.gs1.org/8018/401234598765400000/8019/12', true],
    ['https://id.gs1.org/8013/1987654Ad4X4bL5ttr2310c2K', true],
    ['https://id.gs1.org/01/09506000134352/235/T1', true],
    ['https://id.gs1.org/01/09506000134352/10/L/235/T1', false],
    ['https://id.gs1.org/414/9506000134307/254/1/7040/1ABC', false],
    ['https://id.gs1.org/01/09506000134352?10=L1', true],
    ['https://id.gs1.org/01/09506000134352?21=S1', false],
  ])('judges %s valid: %s', (uri, valid) => {
    expect(parseDigitalLink(uri).ok).toBe(valid);
  });

  test('refuses a data attribute that the syntax dictionary does not allow in a query string', () => {
    expect(parseDigitalLink('https://id.gs1.org/01/09506000134352?21=S1')).toEqual({
      ok: false,
      error: 'AI (21) is not allowed as a Digital Link data attribute',
    });
  });
});

describe('buildDigitalLink', () => {
  test('percent-encodes every character outside the unreserved set', () => {
    expect(
      buildDigitalLink({
        key: { ai: '01', value: '09506000134352' },
        qualifiers: [{ ai: '21', value: "a/b%c&d'e" }],
        attributes: [{ ai: '17', value: '301231' }],
        linkType: 'gs1:pip',
      }),
    ).toBe('https://id.gs1.org/01/09506000134352/21/a%2Fb%25c%26d%27e?17=301231&linkType=gs1%3Apip');
  });

  test('is read back by parseDigitalLink for any serial of GS1 characters', () => {
    const CSET82 = [...'!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...CSET82), minLength: 1, maxLength: 20 }), (serial) => {
        const key = { ai: '01', value: '09506000134352' };
        const uri = buildDigitalLink({
          key,
          qualifiers: [{ ai: '21', value: serial }],
          origin: 'https://x.example',
        });
        const parsed = parseDigitalLink(uri);
        expect(parsed.ok && parsed.value.qualifiers).toEqual([{ ai: '21', value: serial }]);
      }),
    );
  });
});
