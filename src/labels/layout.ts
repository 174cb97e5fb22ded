import { LabelError } from './errors.js';

/** A4 sheets, or one label per page on a label-printer roll (width × height in mm). */
export type PageName = 'A4' | '50x30' | '60x40' | '40x30';

export interface SheetLayout {
  page: PageName;
  /** A4 only: labels across (default 3) and down (default 8). Rolls take one label per page. */
  columns?: number;
  rows?: number;
}

/** Where labels go, in PDF points (1/72 inch) from the page's top-left corner. */
export interface Grid {
  pageWidth: number;
  pageHeight: number;
  columns: number;
  rows: number;
  cellWidth: number;
  cellHeight: number;
  originX: number;
  originY: number;
}

export const pointsPerMm = 72 / 25.4;

const pageSizesMm: Record<PageName, { width: number; height: number; sheet: boolean }> = {
  A4: { width: 210, height: 297, sheet: true },
  '50x30': { width: 50, height: 30, sheet: false },
  '60x40': { width: 60, height: 40, sheet: false },
  '40x30': { width: 40, height: 30, sheet: false },
};

/** Keeps A4 printing clear of the unprintable edge most office printers have. */
const sheetMarginMm = 8;
const maxColumns = 6;
const maxRows = 16;

export const pageNames = Object.keys(pageSizesMm) as PageName[];

/** Resolves a layout into a grid, throwing LabelError for an unknown page or a grid that does not fit. */
export function resolveGrid(layout: SheetLayout): Grid {
  const size = Object.hasOwn(pageSizesMm, layout?.page) ? pageSizesMm[layout.page] : undefined;
  if (!size) {
    throw new LabelError(
      'LABEL_LAYOUT_INVALID',
      `Unknown page size "${String(layout?.page)}": use one of ${pageNames.join(', ')}`,
      '/layout/page',
    );
  }
  if (!size.sheet) {
    for (const key of ['columns', 'rows'] as const) {
      if (layout[key] !== undefined && layout[key] !== 1) {
        throw new LabelError(
          'LABEL_LAYOUT_INVALID',
          `A ${layout.page} roll prints one label per page: leave ${key} out`,
          `/layout/${key}`,
        );
      }
    }
    const width = size.width * pointsPerMm;
    const height = size.height * pointsPerMm;
    return {
      pageWidth: width,
      pageHeight: height,
      columns: 1,
      rows: 1,
      cellWidth: width,
      cellHeight: height,
      originX: 0,
      originY: 0,
    };
  }
  const columns = checkCount(layout.columns ?? 3, maxColumns, 'columns');
  const rows = checkCount(layout.rows ?? 8, maxRows, 'rows');
  const margin = sheetMarginMm * pointsPerMm;
  const pageWidth = size.width * pointsPerMm;
  const pageHeight = size.height * pointsPerMm;
  return {
    pageWidth,
    pageHeight,
    columns,
    rows,
    cellWidth: (pageWidth - 2 * margin) / columns,
    cellHeight: (pageHeight - 2 * margin) / rows,
    originX: margin,
    originY: margin,
  };
}

function checkCount(value: number, max: number, key: 'columns' | 'rows'): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new LabelError(
      'LABEL_LAYOUT_INVALID',
      `${key} must be an integer from 1 to ${max}`,
      `/layout/${key}`,
    );
  }
  return value;
}

/** The top-left corner of the n-th label on its page, filling rows left to right, then down. */
export function cellOrigin(grid: Grid, indexOnPage: number): { x: number; y: number } {
  const column = indexOnPage % grid.columns;
  const row = Math.floor(indexOnPage / grid.columns);
  return { x: grid.originX + column * grid.cellWidth, y: grid.originY + row * grid.cellHeight };
}
