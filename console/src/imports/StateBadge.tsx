import { Badge } from '@mantine/core';
import { STATE_WORDS, type ImportState } from './words';

/** Where an import stands, in words; the colour is the dot's, the words in the text colour. */
export function StateBadge({ state }: { state: ImportState }) {
  const words = STATE_WORDS[state];
  return (
    <Badge color={words.color} variant="dot" tt="none" size="lg" c="dark">
      {words.label}
    </Badge>
  );
}
