// Items for GOV.UK selects and radios: the choices with the current value marked, built one way for every form.

/** One choice of a select or of radios, marked both ways so either macro can use it. */
export interface OptionItem {
  readonly value: string;
  readonly text: string;
  readonly selected: boolean;
  readonly checked: boolean;
}

/** The value a form holds, as the string a browser would send ('' for none). */
function asValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
}

/** Items from choices, the one whose value is `current` marked; `first` is a leading empty choice ("Choose a body"). */
export function optionItems(choices: readonly { value: string | number; text: string }[], current: unknown, first?: string): OptionItem[] {
  const chosen = asValue(current);
  const items = choices.map((choice) => {
    const value = String(choice.value);
    return { value, text: choice.text, selected: value === chosen, checked: value === chosen };
  });
  return first === undefined ? items : [{ value: '', text: first, selected: chosen === '', checked: chosen === '' }, ...items];
}

/** Items for a vocabulary's values in words (`MembershipRole`, `SignOffOutcome`…), or for the values given of it. */
export function vocabularyItems(
  vocabulary: { readonly values: readonly string[]; label(value: string): string },
  current: unknown,
  first?: string,
  values: readonly string[] = vocabulary.values,
): OptionItem[] {
  return optionItems(
    values.map((value) => ({ value, text: vocabulary.label(value) })),
    current,
    first,
  );
}

/** Items for records chosen by id (bodies, people, meetings…), each shown as `text` gives it. */
export function recordItems<T extends { readonly id: number }>(
  records: readonly T[],
  text: (record: T) => string,
  current: unknown,
  first?: string,
): OptionItem[] {
  return optionItems(
    records.map((record) => ({ value: record.id, text: text(record) })),
    current,
    first,
  );
}
