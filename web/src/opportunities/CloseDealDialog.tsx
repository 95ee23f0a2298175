import { Button, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOST_REASON_MAX } from '../../../shared/resources.js';
import type { Opportunity } from '../api/types.js';
import { useLostReasons } from './lostReasons.js';

/** A move into a closed stage, waiting for the user's word. */
export interface PendingClose {
  opportunity: Opportunity;
  to: string;
  kind: 'won' | 'lost';
}

interface Props {
  pending: PendingClose | null;
  /** `lostReason` is given for a lost deal only. */
  onConfirm: (lostReason?: string) => void;
  onCancel: () => void;
}

/** Asks before a deal is won or lost; a lost deal also says why (from the configured list, or free text). */
export function CloseDealDialog({ pending, onConfirm, onCancel }: Props) {
  const { t } = useTranslation('opportunities');
  const name = pending?.opportunity.opportunity_name ?? `#${pending?.opportunity.opportunity_id ?? ''}`;
  return (
    <Modal
      opened={pending !== null}
      onClose={onCancel}
      title={pending && t(pending.kind === 'won' ? 'confirmWonTitle' : 'confirmLostTitle', { name })}
      closeButtonProps={{ 'aria-label': t('close', { ns: 'common' }) }}
    >
      {/* keyed: a new question starts with a blank answer */}
      {pending && (
        <CloseForm
          key={`${pending.opportunity.opportunity_id}-${pending.to}`}
          pending={pending}
          onConfirm={onConfirm}
          onCancel={onCancel}
        />
      )}
    </Modal>
  );
}

const OTHER = '\u0000other';

function CloseForm({ pending, onConfirm, onCancel }: Props & { pending: PendingClose }) {
  const { t } = useTranslation('opportunities');
  const lost = pending.kind === 'lost';
  const reasons = useLostReasons(lost);
  const [choice, setChoice] = useState('');
  const [other, setOther] = useState('');
  const [error, setError] = useState<string | null>(null);
  const list = reasons.data ?? [];
  // without a configured list (or if it cannot be read) free text is the only way to say why
  const freeText = choice === OTHER || (!reasons.isPending && list.length === 0);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!lost) return onConfirm();
    const reason = (freeText ? other : choice).trim();
    if (!reason)
      return setError(t(freeText && choice === OTHER ? 'lostReasonOtherRequired' : 'lostReasonRequired'));
    onConfirm(reason);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('confirmCloseBody', { stage: pending.to })}</Text>
        {lost && list.length > 0 && (
          <Radio.Group
            label={t('lostReason')}
            required
            value={choice}
            onChange={(v) => {
              setChoice(v);
              setError(null);
            }}
            error={choice !== OTHER ? error : undefined}
          >
            <Stack gap="xs" mt="xs">
              {list.map((r) => (
                <Radio key={r.lost_reason_id} value={r.label} label={r.label} />
              ))}
              <Radio value={OTHER} label={t('lostReasonOther')} />
            </Stack>
          </Radio.Group>
        )}
        {lost && freeText && (
          <TextInput
            label={list.length > 0 ? t('lostReasonOtherLabel') : t('lostReason')}
            required
            data-autofocus
            maxLength={LOST_REASON_MAX}
            value={other}
            onChange={(e) => {
              setOther(e.currentTarget.value);
              setError(null);
            }}
            error={error}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('cancel', { ns: 'common' })}
          </Button>
          <Button type="submit">{t('confirmClose')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
