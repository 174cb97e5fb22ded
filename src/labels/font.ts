import { readFileSync } from 'node:fs';
import { LabelError } from './errors.js';

/** A font file and, for a collection (.ttc), the PostScript name of the face to use. */
export interface FontSource {
  path: string;
  postscriptName?: string;
}

/**
 * Where fonts-noto-cjk puts Noto Sans CJK (the Simplified Chinese face of the collection) on Debian
 * and Ubuntu, then the same font as packaged by Fedora and Alpine. See label-sheet.ts for why.
 */
export const cjkFontCandidates: readonly FontSource[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
  {
    path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
    postscriptName: 'NotoSansCJKsc-Regular',
  },
  { path: '/usr/share/fonts/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
];

export interface LoadedFont extends FontSource {
  data: Buffer;
}

/** Kept after the first read: the collection is ~19 MB and every sheet needs it. */
const loaded = new Map<string, LoadedFont>();

/**
 * Reads the given font, or the first CJK candidate present, throwing LABEL_FONT_MISSING with the
 * package to install when there is none.
 */
export function loadCjkFont(font?: FontSource): LoadedFont {
  const candidates = font ? [font] : cjkFontCandidates;
  for (const candidate of candidates) {
    const cached = loaded.get(candidate.path);
    if (cached) return cached;
    const data = readIfPresent(candidate.path);
    if (data) {
      const entry = { ...candidate, data };
      loaded.set(candidate.path, entry);
      return entry;
    }
  }
  const where = candidates.map((c) => c.path).join(', ');
  throw new LabelError(
    'LABEL_FONT_MISSING',
    `No CJK font for the label sheet: looked for ${where}. ` +
      'Install the Debian package fonts-noto-cjk (apt-get install -y fonts-noto-cjk).',
  );
}

function readIfPresent(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
