import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CHANNEL_LABELS } from '../../../shared/channels.js';

/** A contact's extra phones or emails on its page: each a tel: or mailto: link after its label. */
export function ChannelLinks({ items }: { items: { label: string; value: string; href: string | null }[] }) {
  const { t } = useTranslation('contacts');
  const label = (l: string) => ((CHANNEL_LABELS as readonly string[]).includes(l) ? t(`channel_${l}`) : l);
  return (
    <Stack gap={2}>
      {items.map((item) => (
        <Text key={`${item.label}:${item.value}`} size="sm">
          <Text span c="dimmed" size="sm">
            {label(item.label)}
          </Text>{' '}
          {item.href ? (
            <Anchor href={item.href} size="sm">
              {item.value}
            </Anchor>
          ) : (
            item.value
          )}
        </Text>
      ))}
    </Stack>
  );
}
