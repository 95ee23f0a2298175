import { Button, Menu } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { API_BASE, query } from '../api/client.js';

type Params = Record<string, string | null | undefined>;

/**
 * "Export" menu of a list page: plain links to the export URL with the list's current filters, so
 * that the browser streams the file itself (same-origin GET, the session cookie rides along).
 */
export function ExportMenu({
  entity,
  params,
}: {
  entity: 'contacts' | 'companies' | 'opportunities';
  params: Params;
}) {
  const { t, i18n } = useTranslation('imports');
  // the CSV's headers in the language the app is shown in, whatever the browser's
  const lang = i18n.language.startsWith('fr') ? 'fr' : 'en';
  const href = (extra: Params) => `${API_BASE}/${entity}/export${query({ ...params, lang, ...extra })}`;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
          {t('export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={href({ format: 'csv' })} download>
          {t('exportCsv')}
        </Menu.Item>
        <Menu.Item component="a" href={href({ format: 'csv', delimiter: 'semicolon' })} download>
          {t('exportCsvSemicolon')}
        </Menu.Item>
        {entity === 'contacts' && (
          <Menu.Item component="a" href={href({ format: 'vcf', lang: null })} download>
            {t('exportVcf')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
