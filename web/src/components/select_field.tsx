// A labelled <select> from a list of [value, label] pairs, with an optional field error and hint.
import { Field, describedBy } from './field';

export type Options = ReadonlyArray<readonly [string, string]>;

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: Options;
  error?: string;
  hint?: string;
  /** The options are names people typed (organizations, people): shown as written, never
   *  translated. */
  optionsAreNames?: boolean;
}

export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  error,
  hint,
  optionsAreNames = false,
}: SelectFieldProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        {...describedBy(id, error, hint)}
      >
        {options.map(([v, l]) => (
          <option key={v} value={v} translate={optionsAreNames ? false : undefined}>
            {l}
          </option>
        ))}
      </select>
    </Field>
  );
}
