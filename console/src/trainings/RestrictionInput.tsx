import { Fieldset, Group, NumberInput, Select, Switch, Text } from '@mantine/core';
import { UNIT_WORDS, type Offset, type OffsetUnit } from './words';

const UNITS = (Object.keys(UNIT_WORDS) as OffsetUnit[]).map((unit) => ({
  value: unit, label: UNIT_WORDS[unit].many.replace(/^./, (first) => first.toUpperCase()),
}));

/** One registration restriction: off, or an amount of hours, days, weeks or months before a session starts. */
export function RestrictionInput({ legend, switchLabel, value, onChange, words, error, readOnly }: {
  legend: string;
  switchLabel: string;
  value: Offset | null;
  onChange: (value: Offset | null) => void;
  words: (value: Offset | null) => string;
  error?: string;
  readOnly?: boolean;
}) {
  return (
    <Fieldset legend={legend} variant="unstyled" styles={{ legend: { fontWeight: 600 } }}>
      <Switch label={switchLabel} checked={value !== null} disabled={readOnly}
        onChange={(event) => onChange(event.currentTarget.checked ? { amount: 1, unit: 'DAYS' } : null)} />
      {value && (
        <Group mt="xs" align="flex-start" wrap="wrap">
          <NumberInput label="How long before" min={0} max={1000} allowDecimal={false} allowNegative={false} w={150}
            value={Number.isNaN(value.amount) ? '' : value.amount} error={error} readOnly={readOnly}
            onChange={(amount) => onChange({ ...value, amount: typeof amount === 'number' ? amount : Number.NaN })} />
          <Select label="Unit" data={UNITS} value={value.unit} allowDeselect={false} w={150} readOnly={readOnly}
            onChange={(unit) => unit && onChange({ ...value, unit: unit as OffsetUnit })} />
        </Group>
      )}
      <Text size="sm" c="gray.7" mt="xs" aria-live="polite">{words(value)}</Text>
    </Fieldset>
  );
}
