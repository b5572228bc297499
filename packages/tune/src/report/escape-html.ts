/**
 * Escapes a string for HTML text and for a quoted attribute value: `&`, `<`, `>`, `"` and
 * `'`. Every string that comes from a study (its name, reasons, choice values, settings) goes
 * through it, because a study file may come from someone else; so should every string a page
 * of your own adds around {@link renderReportSections}.
 *
 * @category Reports
 *
 * @example
 * ```ts
 * escapeHtml(`<b>"lr"</b>`); // '&lt;b&gt;&quot;lr&quot;&lt;/b&gt;'
 * ```
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
