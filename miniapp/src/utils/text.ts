/** First line of a ticket's content, as a one-line preview in lists. */
export function firstLine(content: string): string {
  return content.trim().split(/\r?\n/)[0] ?? '';
}
