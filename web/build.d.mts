export declare const budgetBytes: number;
export interface Budget {
  chunks: string[];
  gzip: number;
  budget: number;
}
export declare function scanPageBudget(outDir?: string): Budget;
export declare function buildWeb(options?: { force?: boolean }): Promise<Budget>;
