/**
 * Escapes a string for HTML text and for a quoted attribute value: `&`, `<`, `>`, `"` and
 * `'`. Every string that comes from a study (its name, reasons, choice values, settings) goes
 * through it, because a study file may come from someone else.
 *
 * @internal
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => {
    switch (character) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&#39;';
    }
  });
}
