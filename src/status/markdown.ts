/** Small helpers for the GitHub-flavoured Markdown that the job summary and comments show. */

/** A table cell: pipes escaped, line breaks as `<br>`, empty as a dash. */
export function cell(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "-";
  return value.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** Inline code that survives backticks inside the value. */
export function code(value: string): string {
  const fence = value.includes("`") ? "``" : "`";
  return `${fence}${value}${fence}`;
}

/** A Markdown table; every value goes through {@link cell}. */
export function markdownTable(header: string[], rows: (string | null)[][]): string {
  const lines = [
    `| ${header.map(cell).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ];
  return lines.join("\n");
}
