// The row under a form: any extra buttons, then the primary submit button, which says it is
// working while the request runs.
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';

export function SubmitRow({
  busy,
  label,
  children,
}: {
  busy: boolean;
  label: string;
  children?: ComponentChildren;
}) {
  return (
    <div class="actions">
      {children}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('common.working') : label}
      </button>
    </div>
  );
}
