import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Box, Table, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrency } from '../api/queries.js';
import type { PipelineRow } from '../api/types.js';
import { money, number } from '../lib/format.js';

/**
 * Total and weighted value per stage. The chart is drawn for the eye only; screen readers get the
 * same figures as a table (visually hidden), announced by a one-sentence summary.
 */
export function PipelineChart({ rows }: { rows: PipelineRow[] }) {
  const { t } = useTranslation('dashboard');
  const currency = useCurrency();
  const data = rows.map((r) => ({ stage: r.stage, total: r.total_value, weighted: r.weighted_value }));
  return (
    <>
      <VisuallyHidden>{t('chartSummary', { count: rows.length })}</VisuallyHidden>
      <Box aria-hidden="true">
        <BarChart
          h={Math.max(220, 56 + rows.length * 52)}
          data={data}
          dataKey="stage"
          orientation="vertical"
          yAxisProps={{ width: 110 }}
          series={[
            { name: 'total', label: t('totalValue'), color: 'indigo.6' },
            { name: 'weighted', label: t('weightedValue'), color: 'teal.6' },
          ]}
          valueFormatter={(v) => money(v, currency, { compact: true })}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          gridAxis="x"
          barChartProps={{ accessibilityLayer: false }}
        />
      </Box>
      <VisuallyHidden>
        <Table>
          <caption>{t('tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stage')}</th>
              <th scope="col">{t('count')}</th>
              <th scope="col">{t('totalValue')}</th>
              <th scope="col">{t('weightedValue')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.stage}>
                <th scope="row">{r.stage}</th>
                <td>{number(r.count)}</td>
                <td>{money(r.total_value, currency)}</td>
                <td>{money(r.weighted_value, currency)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </VisuallyHidden>
    </>
  );
}
