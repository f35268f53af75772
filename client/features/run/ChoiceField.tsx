import { SelectField } from "../../ui/SelectField";

export interface Choice {
  value: string;
  label: string;
}

/**
 * One of a few choices in the app's labelled select, sized as the run's other fields. `empty` is a first
 * choice, "", standing for none or all; `inline` puts the label beside the select, for a row of a list.
 */
export function ChoiceField({
  label,
  value,
  choices,
  empty,
  inline = false,
  onChoose,
}: {
  label: string;
  value: string;
  choices: readonly Choice[];
  empty?: string;
  inline?: boolean;
  onChoose: (value: string) => void;
}) {
  return (
    <SelectField
      label={label}
      className={inline ? "run-field run-field--inline" : "run-field"}
      value={value}
      onChange={(event) => onChoose(event.target.value)}
    >
      {empty === undefined ? null : <option value="">{empty}</option>}
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </SelectField>
  );
}
