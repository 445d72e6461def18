/** One choice of a short list as a native select (keyboard and screen readers know it well). */
interface NativeSelectProps<V extends string> {
  id: string;
  label: string;
  value: V | '';
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  /** A first, empty option (e.g. "choose a theme"). */
  placeholder?: string;
  error?: string;
}

export function NativeSelect<V extends string>({
  id,
  label,
  value,
  options,
  onChange,
  placeholder,
  error,
}: NativeSelectProps<V>) {
  const errorId = `${id}-error`;
  return (
    <div className="kk-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={!!error}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value as V)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={errorId} className="form-error">
          {error}
        </p>
      )}
    </div>
  );
}
