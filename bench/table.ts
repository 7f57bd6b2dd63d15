/** A markdown table whose columns are padded, so it reads as well in a terminal as in BENCHMARKS.md. */
export const renderTable = (
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: ReadonlySet<number> = new Set(),
): string => {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${widths.map((w, i) => (rightAligned.has(i) ? (cells[i] ?? '').padStart(w) : (cells[i] ?? '').padEnd(w))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (rightAligned.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
};

/** 0.4321 → "0.432", 12.345 → "12.3", 1234.5 → "1235". */
export const ms = (value: number): string => (value < 1 ? value.toFixed(3) : value < 100 ? value.toFixed(1) : value.toFixed(0));

export const ratio = (value: number): string => `${value.toFixed(1)}×`;

export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

export const mib = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
