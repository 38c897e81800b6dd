/**
 * The records of a CSV text (RFC 4180), the header included: a line break inside quotes belongs to
 * its field, and a last record needs no line break after it.
 */
export function countCsvRecords(text: string): number {
  let records = 0;
  let quoted = false;
  let pending = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      quoted = !quoted;
      pending = true;
    } else if (char === '\n' && !quoted) {
      records += 1;
      pending = false;
    } else if (char !== '\r') {
      pending = true;
    }
  }
  return pending ? records + 1 : records;
}

/** The file name of a `Content-Disposition: attachment; filename="…"` header, if it has one. */
export function filenameOf(disposition: string | null): string | undefined {
  const match = disposition?.match(/filename="([^"]+)"/);
  return match?.[1];
}
