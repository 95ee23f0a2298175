import { ActionIcon, Button, Group, Popover, Stack, Text, TextInput } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendar } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { date as longDate } from '../../lib/format.js';
import {
  DATE_PATTERN,
  type Due,
  type DueLocale,
  formatTypedDate,
  PRESETS,
  parseTypedDate,
  parseTypedTime,
  presetDay,
} from './due.js';

/** The form's value: the due date, and whether what is typed is not (yet) a date or a time. */
export interface DueValue extends Due {
  invalid: boolean;
}

export interface DueDateFieldProps {
  value: DueValue;
  onChange: (value: DueValue) => void;
  error?: string;
}

/**
 * A due date typed (12/03/2027 in French, 03/12/2027 in English, or 2027-03-12) or picked, and an
 * optional time: without one the task is due all that day. The calendar's presets and days close it.
 */
export function DueDateField({ value, onChange, error }: DueDateFieldProps) {
  const { t, i18n } = useTranslation('tasks');
  const locale: DueLocale = i18n.language === 'en' ? 'en' : 'fr';
  const [opened, { toggle, close }] = useDisclosure(false);
  const [dateText, setDateText] = useState(value.date ? formatTypedDate(value.date, locale) : '');
  const [timeText, setTimeText] = useState(value.time ?? '');

  // a day picked, a preset or a reset from outside: the text follows
  useEffect(() => {
    setDateText((text) =>
      parseTypedDate(text, locale) === value.date
        ? text
        : value.date
          ? formatTypedDate(value.date, locale)
          : '',
    );
    setTimeText((text) => (parseTypedTime(text) === value.time ? text : (value.time ?? '')));
  }, [value.date, value.time, locale]);

  const emit = (d: string, tm: string) => {
    const date = d.trim() ? parseTypedDate(d, locale) : null;
    const time = tm.trim() ? parseTypedTime(tm) : null;
    onChange({
      date,
      time,
      invalid: (d.trim() !== '' && date === null) || (tm.trim() !== '' && time === null),
    });
  };
  const pick = (day: string) => {
    setDateText(formatTypedDate(day, locale));
    emit(formatTypedDate(day, locale), timeText);
    close();
  };

  const badDate = dateText.trim() !== '' && value.date === null;
  const badTime = timeText.trim() !== '' && value.time === null;
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          label={t('dueDate')}
          placeholder={DATE_PATTERN[locale]}
          value={dateText}
          onChange={(e) => {
            setDateText(e.currentTarget.value);
            emit(e.currentTarget.value, timeText);
          }}
          onBlur={() => value.date && setDateText(formatTypedDate(value.date, locale))}
          error={badDate ? t('dueDateInvalid', { pattern: DATE_PATTERN[locale] }) : error}
          autoComplete="off"
          rightSection={
            <Popover opened={opened} onChange={(o) => !o && close()} position="bottom-end" trapFocus>
              <Popover.Target>
                <ActionIcon variant="subtle" onClick={toggle} aria-label={t('openCalendar')}>
                  <IconCalendar size={16} aria-hidden />
                </ActionIcon>
              </Popover.Target>
              <Popover.Dropdown aria-label={t('dueDate')}>
                <Group align="flex-start" gap="sm" wrap="wrap">
                  <Stack gap={4}>
                    {PRESETS.map((p) => (
                      <Button
                        key={p}
                        size="xs"
                        variant="light"
                        onClick={() => pick(presetDay(p, new Date()))}
                      >
                        {t(`preset_${p}`)}
                      </Button>
                    ))}
                  </Stack>
                  <DatePicker
                    value={value.date}
                    onChange={(d) => d && pick(String(d).slice(0, 10))}
                    hideOutsideDates
                    weekendDays={[]}
                    ariaLabels={{
                      previousMonth: t('previousMonth'),
                      nextMonth: t('nextMonth'),
                      monthLevelControl: t('chooseMonth'),
                      previousYear: t('previousYear'),
                      nextYear: t('nextYear'),
                      yearLevelControl: t('chooseYear'),
                      previousDecade: t('previousDecade'),
                      nextDecade: t('nextDecade'),
                    }}
                  />
                </Group>
              </Popover.Dropdown>
            </Popover>
          }
        />
        <TextInput
          w={110}
          label={t('dueTime')}
          placeholder={t('allDay')}
          value={timeText}
          onChange={(e) => {
            setTimeText(e.currentTarget.value);
            emit(dateText, e.currentTarget.value);
          }}
          onBlur={() => value.time && setTimeText(value.time)}
          error={badTime ? t('dueTimeInvalid') : undefined}
          autoComplete="off"
        />
      </Group>
      {value.date && !value.invalid && (
        <Text size="xs" c="dimmed" aria-live="polite">
          {value.time
            ? t('dueSummaryAt', { date: longDate(value.date), time: value.time })
            : t('dueSummaryAllDay', { date: longDate(value.date) })}
        </Text>
      )}
    </Stack>
  );
}
