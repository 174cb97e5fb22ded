import type bwipjs from 'bwip-js';

type Drawing<T> = bwipjs.DrawingContext<T>;

/** Where one human-readable line goes, in the final (padded) pixel coordinates. */
export interface TextPlacement {
  line: string;
  /** Horizontal centre of the line. */
  centre: number;
  baseline: number;
}

export interface TextLines<T> {
  drawing: Drawing<T>;
  /** The lines' placements; complete once bwip-js has called init(). */
  placements: TextPlacement[];
  fontPx: number;
}

/** bwip-js's built-in monospace font, which covers printable ASCII. */
export const textFont = 'OCR-B';

/**
 * Wraps a bwip-js drawing so the image grows to hold text lines below the symbol's bottom quiet zone
 * (and grows wider when a line is wider than the symbol). With `drawGlyphs` the lines are drawn by
 * the inner drawing in OCR-B (the PNG); without, only their placements are returned (the SVG, which
 * gets real <text> elements so the text stays searchable).
 */
export function withTextLines<T>(
  inner: Drawing<T>,
  lines: readonly string[],
  fontPx: number,
  drawGlyphs: boolean,
): TextLines<T> {
  let options: bwipjs.RenderOptions | undefined;
  const placements: TextPlacement[] = [];
  const lineHeight = Math.round(fontPx * 1.25);
  const font = { name: textFont, width: fontPx, height: fontPx, dx: 0 };
  const glyphRuns: { x: number; y: number; line: string }[] = [];

  const init = (width: number, height: number) => {
    const o = options;
    if (!o || lines.length === 0) return inner.init(width, height);
    const padLeft = o.paddingleft ?? 0;
    const padRight = o.paddingright ?? 0;
    const padTop = o.paddingtop ?? 0;
    const padBottom = o.paddingbottom ?? 0;
    const measured = lines.map((line) => inner.measure(line, textFont, fontPx, fontPx));
    const widest = Math.max(...measured.map((m) => m.width)) + 2 * fontPx;
    const grow = Math.max(0, Math.ceil((widest - (width + padLeft + padRight)) / 2));
    // The inner drawing reads the padding in its own init(), so widen it before calling that.
    o.paddingleft = padLeft + grow;
    o.paddingright = padRight + grow;
    measured.forEach((m, i) => {
      const line = lines[i] ?? '';
      const baseline =
        height + padBottom + i * lineHeight + Math.round((lineHeight + m.ascent - m.descent) / 2);
      glyphRuns.push({ x: Math.round((width - m.width) / 2), y: baseline, line });
      placements.push({ line, centre: padLeft + grow + width / 2, baseline: padTop + baseline });
    });
    inner.init(width, height + padBottom + lines.length * lineHeight);
  };

  const drawing: Drawing<T> = {
    setopts: (o) => {
      options = o;
      inner.setopts?.(o);
    },
    scale: (sx, sy) => inner.scale(sx, sy),
    measure: (str, name, fw, fh) => inner.measure(str, name, fw, fh),
    init,
    line: (x0, y0, x1, y1, lw, rgb) => inner.line(x0, y0, x1, y1, lw, rgb),
    polygon: (pts) => inner.polygon(pts),
    hexagon: (pts) => inner.hexagon(pts),
    ellipse: (x, y, rx, ry, ccw) => inner.ellipse(x, y, rx, ry, ccw),
    fill: (rgb) => inner.fill(rgb),
    text: (x, y, str, rgb, f) => inner.text(x, y, str, rgb, f),
    end: () => {
      if (drawGlyphs) for (const run of glyphRuns) inner.text(run.x, run.y, run.line, '000000', font);
      return inner.end();
    },
  };
  return { drawing, placements, fontPx };
}
