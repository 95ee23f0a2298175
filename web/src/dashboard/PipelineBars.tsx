import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { useCurrency } from '../api/queries.js';
import type { PipelineRow } from '../api/types.js';
import { money } from '../lib/format.js';
import { barsHeight } from './barsHeight.js';

/**
 * The bars of the pipeline chart. The chart library is most of the dashboard's weight, so this is
 * its own chunk, loaded lazily by PipelineChart once the figures are on screen.
 */
export default function PipelineBars({ rows }: { rows: PipelineRow[] }) {
  const { t } = useTranslation('dashboard');
  const currency = useCurrency();
  const data = rows.map((r) => ({ stage: r.stage, total: r.total_value, weighted: r.weighted_value }));
  return (
    <BarChart
      h={barsHeight(rows.length)}
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
  );
}
