import { Button, CopyButton, Group, Textarea } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * A secret shown once (an API token, an invitation or reset link), read-only with a copy button.
 * A textarea: the long value wraps, and its underscores are not clipped as in a one-line input.
 */
export function SecretField({ label, value, rows }: { label: string; value: string; rows: number }) {
  const { t } = useTranslation('settings');
  return (
    <Group align="flex-end" wrap="nowrap" gap="xs">
      <Textarea
        label={label}
        rows={rows}
        value={value}
        readOnly
        style={{ flex: 1 }}
        styles={{ input: { fontFamily: 'monospace', wordBreak: 'break-all' } }}
        data-autofocus
      />
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button
            variant={copied ? 'filled' : 'default'}
            color={copied ? 'teal.8' : undefined}
            leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            onClick={copy}
            aria-live="polite"
          >
            {copied ? t('copied') : t('copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
