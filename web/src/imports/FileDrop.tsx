import '@mantine/dropzone/styles.css';
import { Button, Group, Stack, Text } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { IconFileImport, IconFileX, IconUpload } from '@tabler/icons-react';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileSize } from '../lib/format.js';

/** What the server takes (it checks the content itself: this only steers the file picker). */
const ACCEPT = {
  'text/csv': ['.csv'],
  'text/plain': ['.txt', '.tsv', '.csv'],
  'text/tab-separated-values': ['.tsv'],
  // Excel on Windows labels .csv files so
  'application/vnd.ms-excel': ['.csv'],
  'text/vcard': ['.vcf', '.vcard'],
  'text/x-vcard': ['.vcf', '.vcard'],
};
const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

const REJECTIONS = new Set(['file-too-large', 'file-invalid-type', 'too-many-files']);

/**
 * Where the import file comes from: dropped on the zone (or a click on it), or picked with the
 * "choose a file" button, which keyboards reach (the zone itself is not a control, so that nothing
 * interactive is nested in another). The chosen file is named below, with a button to remove it.
 */
export function FileDrop({
  file,
  onChange,
  disabled,
}: {
  file: File | null;
  onChange: (file: File | null) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('imports');
  const [rejected, setRejected] = useState<string | null>(null);
  const titleId = useId();
  const hintId = useId();
  const statusId = useId();
  const openRef = useRef<() => void>(null);

  // one file, or none: with several, none is taken (rather than the first, silently)
  const take = (accepted: File[], rejections: FileRejection[]) => {
    if (rejections.length === 0 && accepted.length === 1) {
      setRejected(null);
      onChange(accepted[0]);
      return;
    }
    const code = accepted.length + rejections.length > 1 ? 'too-many-files' : rejections[0]?.errors[0]?.code;
    setRejected(t(`rejected_${code && REJECTIONS.has(code) ? code : 'other'}`));
  };

  return (
    <Stack gap="xs">
      <Dropzone
        onDropAny={take}
        onDrop={() => {}}
        accept={ACCEPT}
        multiple={false}
        maxSize={MAX_IMPORT_BYTES}
        disabled={disabled}
        openRef={openRef}
        activateOnKeyboard={false}
        role="group"
        aria-labelledby={titleId}
        aria-describedby={hintId}
      >
        <Group justify="center" gap="md" mih={110} style={{ pointerEvents: 'none' }} wrap="nowrap">
          <Dropzone.Accept>
            <IconUpload size={40} stroke={1.5} aria-hidden />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconFileX size={40} stroke={1.5} aria-hidden />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFileImport size={40} stroke={1.5} aria-hidden />
          </Dropzone.Idle>
          <div>
            <Text size="lg" fw={500} id={titleId}>
              <Dropzone.Accept>{t('dropAccept')}</Dropzone.Accept>
              <Dropzone.Reject>{t('dropReject')}</Dropzone.Reject>
              <Dropzone.Idle>{t('dropTitle')}</Dropzone.Idle>
            </Text>
            <Text size="sm" c="dimmed" id={hintId}>
              {t('dropHint')}
            </Text>
          </div>
        </Group>
      </Dropzone>
      <Group gap="sm">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconFileImport size={14} aria-hidden />}
          onClick={() => openRef.current?.()}
          disabled={disabled}
          aria-describedby={statusId}
        >
          {t('chooseFile')}
        </Button>
        {file && !disabled && (
          <Button variant="subtle" size="xs" onClick={() => onChange(null)}>
            {t('removeFile')}
          </Button>
        )}
      </Group>
      <div id={statusId} role="status" aria-live="polite">
        {rejected ? (
          <Text size="sm" c="var(--carnet-color-danger-text)">
            {rejected}
          </Text>
        ) : file ? (
          <Text size="sm">{t('chosen', { name: file.name, size: fileSize(file.size) })}</Text>
        ) : null}
      </div>
    </Stack>
  );
}
