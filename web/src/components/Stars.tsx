// Rating stars drawn with text; the label reads the number for screen readers.
export function Stars({ value, count }: { value: number; count?: number }) {
  const filled = `${Math.max(0, Math.min(5, value)) * 20}%`;
  const label = count === 0 ? 'No ratings yet' : `Rated ${value.toFixed(1)} out of 5${count !== undefined ? ` from ${count} review${count === 1 ? '' : 's'}` : ''}`;
  return (
    <span className="stars" role="img" aria-label={label} title={label}>
      <span className="stars-track" aria-hidden="true">
        ★★★★★<span className="stars-fill" style={{ width: filled }}>★★★★★</span>
      </span>
      {count !== undefined ? <span className="stars-count" aria-hidden="true">{count === 0 ? 'No reviews yet' : `${value.toFixed(1)} (${count})`}</span> : null}
    </span>
  );
}

export function StarInput({ value, onChange, error }: { value: number; onChange: (value: number) => void; error?: string }) {
  return (
    <fieldset className={`star-input${error ? ' field-invalid' : ''}`}>
      <legend>Your rating</legend>
      {[1, 2, 3, 4, 5].map((n) => (
        <label key={n} className={n <= value ? 'on' : ''}>
          <input type="radio" name="rating" value={n} checked={value === n} onChange={() => onChange(n)} />
          <span aria-hidden="true">★</span>
          <span className="visually-hidden">{n} star{n === 1 ? '' : 's'}</span>
        </label>
      ))}
      {error ? <small className="field-error" role="alert">{error}</small> : null}
    </fieldset>
  );
}
