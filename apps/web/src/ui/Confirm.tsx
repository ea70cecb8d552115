// The second step before something that cannot be undone: the question (and any choice it needs),
// then the danger button and a way back. Enter confirms, as the danger button does.
import type { ReactNode } from 'react';
import { ErrorAlert } from './Alert.tsx';
import { t } from '../core/i18n.ts';

interface Props {
  /** The dialog's accessible name, unless `labelledBy` names an element of the question that carries it. */
  label?: string;
  labelledBy?: string;
  describedBy?: string;
  confirmText: string;
  cancelText?: string;
  onConfirm: () => void;
  onCancel: () => void;
  disabled?: boolean;
  error?: unknown;
  children: ReactNode;
}

export function Confirm({ label, labelledBy, describedBy, confirmText, cancelText, onConfirm, onCancel, disabled, error, children }: Props) {
  return (
    <form
      className="confirm"
      role="alertdialog"
      aria-label={label}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onSubmit={(e) => {
        e.preventDefault();
        if (!disabled) onConfirm();
      }}
    >
      {children}
      <div className="row">
        <button type="submit" className="danger" disabled={disabled}>
          {confirmText}
        </button>
        <button type="button" onClick={onCancel}>
          {cancelText ?? t({ id: 'common.cancel', defaultMessage: 'Cancel' })}
        </button>
      </div>
      <ErrorAlert error={error} />
    </form>
  );
}
