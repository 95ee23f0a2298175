import { Badge, Group } from '@mantine/core';
import { useTagColors } from './api.js';

/** A record's tags as coloured chips (their colour from Settings → Tags); nothing when none. */
export function TagChips({
  names,
  size = 'sm',
}: {
  names: readonly string[] | null | undefined;
  size?: 'xs' | 'sm';
}) {
  const color = useTagColors();
  if (!names || names.length === 0) return null;
  return (
    <Group gap={4} wrap="wrap" data-testid="tag-chips">
      {names.map((n) => (
        <Badge key={n} color={color(n)} variant="light" size={size} radius="sm" tt="none">
          {n}
        </Badge>
      ))}
    </Group>
  );
}
