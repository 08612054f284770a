/** A small RFC 4180 CSV reader/writer (quoted fields, doubled quotes, CRLF): enough for delivery files. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((cells, line) => {
    if (cells.length !== header.length) throw new Error(`CSV line ${line + 2}: ${cells.length} fields, header has ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h.trim(), cells[i]!]));
  });
}

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function toCsv(header: string[], rows: Record<string, string | number | undefined>[]): string {
  const lines = [header.join(',')];
  for (const r of rows) lines.push(header.map((h) => quote(String(r[h] ?? ''))).join(','));
  return `${lines.join('\n')}\n`;
}
