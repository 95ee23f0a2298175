import { Box, Skeleton, Text, VisuallyHidden } from '@mantine/core';
import { Component, lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrency } from '../api/queries.js';
import type { PipelineRow } from '../api/types.js';
import { money, number } from '../lib/format.js';
import { barsHeight } from './barsHeight.js';

// the chart library (recharts) is most of the dashboard's JavaScript: it comes after the figures
const PipelineBars = lazy(() => import('./PipelineBars.js'));

/** If the chart's chunk cannot be loaded (offline, a new deployment), the figures stay. */
class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/**
 * Total and weighted value per stage. The chart is drawn for the eye only; screen readers get the
 * same figures as a table (visually hidden), announced by a one-sentence summary. The table is
 * there at once; the chart's bars follow when their chunk has loaded, a placeholder of the same
 * size holding their place meanwhile.
 */
export function PipelineChart({ rows }: { rows: PipelineRow[] }) {
  const { t } = useTranslation('dashboard');
  const currency = useCurrency();
  return (
    <>
      <VisuallyHidden>{t('chartSummary', { count: rows.length })}</VisuallyHidden>
      <Box aria-hidden="true">
        <ChartBoundary
          fallback={
            <Text size="sm" c="dimmed">
              {t('chartUnavailable')}
            </Text>
          }
        >
          <Suspense fallback={<Skeleton h={barsHeight(rows.length)} data-testid="chart-loading" />}>
            <PipelineBars rows={rows} />
          </Suspense>
        </ChartBoundary>
      </Box>
      <VisuallyHidden>
        {/* a plain table: it is never seen, so it needs none of Mantine's Table styles (or bytes) */}
        <table>
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
        </table>
      </VisuallyHidden>
    </>
  );
}
