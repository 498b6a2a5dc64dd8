import type { ReactNode } from 'react';

/** The Edit and Delete buttons of a console table row, with any others between them. */
export function RowActions({ onEdit, onDelete, busy, children }: { onEdit: () => void; onDelete: () => void; busy: boolean; children?: ReactNode }) {
  return (
    <span className="row-actions">
      <button type="button" className="link-button" onClick={onEdit}>Edit</button>
      {children}
      <button type="button" className="link-button danger-text" onClick={onDelete} disabled={busy}>Delete</button>
    </span>
  );
}
