// A "Print" button for one part of a page (a session's register, a class's week): it marks that
// part, asks the browser to print, and clears the mark once the print dialog closes. The print
// stylesheet leaves everything else, and every button, off the paper. Without a target it prints
// the whole page as the stylesheet shows it (the register without the camera box or controls).
import type { RefObject } from 'react';
import './print.css';
import { t } from '../core/i18n.ts';

/** Marks `target` (if any) as the only part to print and opens the browser's print dialog. */
export function printPart(target: HTMLElement | null): void {
  const body = document.body;
  if (target) {
    target.classList.add('print-target');
    body.classList.add('printing-one');
  }
  const clear = () => {
    target?.classList.remove('print-target');
    body.classList.remove('printing-one');
  };
  window.addEventListener('afterprint', clear, { once: true });
  window.print();
}

export function PrintButton({ target, label, name }: { target?: RefObject<HTMLElement | null>; label?: string; name?: string }) {
  return (
    <button type="button" className="no-print" aria-label={name} onClick={() => printPart(target?.current ?? null)}>
      {label ?? t({ id: 'ui.print', defaultMessage: 'Print' })}
    </button>
  );
}
