// A date as people read it in their language, in a <time> that never wraps inside itself: in a
// narrow table cell (main lets long words break anywhere) the column keeps the whole date and
// the table scrolls in its own container instead. Dates inside a sentence stay formatDate().
import { formatDate } from '../i18n';

/**
 * `iso`: a calendar date ("2026-12-06") or an ISO timestamp, as formatDate takes it; or
 * `seconds`: Unix seconds. Renders nothing without either.
 */
export function DateText({ iso, seconds }: { iso?: string | null; seconds?: number | null }) {
  const at = iso || (seconds ? new Date(seconds * 1000).toISOString() : '');
  if (!at) return null;
  return (
    <time class="date" dateTime={at}>
      {formatDate(at)}
    </time>
  );
}
