/** Plain-text columns for terminals: each column as wide as its widest value. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (row: string[]) =>
    row.map((value, i) => (i === row.length - 1 ? value : value.padEnd(widths[i]!))).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}

/** A UTC timestamp as people read it: `2026-12-03 16:02 UTC`; a dash for none. */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return "-";
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return `${time.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
