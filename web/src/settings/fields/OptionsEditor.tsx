import {
  ActionIcon,
  Button,
  ColorSwatch,
  Group,
  Menu,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { COLORS, type Color } from '../../../../shared/colors.js';
import { OPTION_LABEL_MAX, OPTIONS_MAX } from '../../../../shared/custom-fields.js';
import { swatch } from '../../fields/CustomInput.js';
import { CF_NS } from '../../fields/customStrings.js';
import { moved } from './fieldsApi.js';

/** An option as the dialog edits it: `id` kept from the definition (a rename), none when new. */
export interface OptionDraft {
  id?: string;
  label: string;
  color: Color;
  /** a stable React key for a new option */
  uid: string;
}

let next = 0;
export const newOption = (index: number): OptionDraft => ({
  label: '',
  color: COLORS[(index + 6) % COLORS.length] as Color,
  uid: `new${next++}`,
});

/** A select's options: add, rename, recolour, move up and down, remove. */
export function OptionsEditor({
  options,
  onChange,
  errors,
}: {
  options: OptionDraft[];
  onChange: (options: OptionDraft[]) => void;
  /** errors by index (`options.<i>.label` from the API or the form's check) */
  errors: (index: number) => React.ReactNode;
}) {
  const { t } = useTranslation(CF_NS);
  const set = (i: number, patch: Partial<OptionDraft>) =>
    onChange(options.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  return (
    <Stack gap="xs" role="group" aria-label={t('options')}>
      <Text size="sm" fw={500}>
        {t('options')}
      </Text>
      {options.map((o, i) => {
        const name = o.label || t('optionN', { n: i + 1 });
        return (
          <Group key={o.uid} gap={4} wrap="nowrap" align="flex-start">
            <Menu position="bottom-start" withinPortal>
              <Menu.Target>
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t('optionColor', { label: name, color: t(`color_${o.color}`) })}
                >
                  <ColorSwatch color={swatch(o.color)} size={16} aria-hidden />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <SimpleGrid cols={5} spacing={4} p={4}>
                  {COLORS.map((c) => (
                    <Menu.Item
                      key={c}
                      onClick={() => set(i, { color: c })}
                      aria-label={t(`color_${c}`)}
                      p={4}
                    >
                      <ColorSwatch color={swatch(c)} size={20} aria-hidden />
                    </Menu.Item>
                  ))}
                </SimpleGrid>
              </Menu.Dropdown>
            </Menu>
            <TextInput
              aria-label={t('optionLabel', { n: i + 1 })}
              value={o.label}
              maxLength={OPTION_LABEL_MAX}
              onChange={(e) => set(i, { label: e.currentTarget.value })}
              error={errors(i)}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              size="lg"
              disabled={i === 0}
              onClick={() => onChange(moved(options, i, i - 1))}
              aria-label={t('moveUp', { label: name })}
            >
              <IconArrowUp size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              size="lg"
              disabled={i === options.length - 1}
              onClick={() => onChange(moved(options, i, i + 1))}
              aria-label={t('moveDown', { label: name })}
            >
              <IconArrowDown size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              onClick={() => onChange(options.filter((_, j) => j !== i))}
              aria-label={t('removeOption', { label: name })}
            >
              <IconX size={16} aria-hidden />
            </ActionIcon>
          </Group>
        );
      })}
      <Button
        variant="light"
        size="xs"
        leftSection={<IconPlus size={14} aria-hidden />}
        onClick={() => onChange([...options, newOption(options.length)])}
        disabled={options.length >= OPTIONS_MAX}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('addOption')}
      </Button>
    </Stack>
  );
}
