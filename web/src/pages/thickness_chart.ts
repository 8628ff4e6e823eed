// Thickness-over-time chart (ECharts, loaded only with this page): measured readings, the
// projection at the governing rate to the required thickness, and the required thickness.
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export interface ChartInput {
  readings: Array<{ date: string; thickness_mm: number }>;
  projection: Array<{ date: string; thickness_mm: number }>;
  requiredMm?: number;
  labels: { measured: string; projected: string; required: string; thickness: string };
  rtl: boolean;
  locale: string;
}

const ms = (d: string) => new Date(`${d}T00:00:00Z`).getTime();

export function drawChart(el: HTMLElement, input: ChartInput): () => void {
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  const dateFmt = new Intl.DateTimeFormat(input.locale, {
    year: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const numFmt = new Intl.NumberFormat(input.locale, { maximumFractionDigits: 2 });
  chart.setOption({
    aria: { enabled: true },
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => numFmt.format(Number(v)) },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 40 },
    xAxis: {
      type: 'time',
      inverse: input.rtl,
      axisLabel: { formatter: (v: number) => dateFmt.format(new Date(v)) },
    },
    yAxis: {
      type: 'value',
      name: input.labels.thickness,
      position: input.rtl ? 'right' : 'left',
      scale: true,
      axisLabel: { formatter: (v: number) => numFmt.format(v) },
    },
    series: [
      {
        name: input.labels.measured,
        type: 'line',
        symbolSize: 8,
        data: input.readings.map((r) => [ms(r.date), r.thickness_mm]),
        lineStyle: { width: 3 },
        color: '#1f4e79',
        markLine:
          input.requiredMm !== undefined
            ? {
                symbol: 'none',
                label: { formatter: input.labels.required, position: 'insideEndTop' },
                lineStyle: { color: '#a4161a', type: 'solid' },
                data: [{ yAxis: input.requiredMm }],
              }
            : undefined,
      },
      {
        name: input.labels.projected,
        type: 'line',
        symbol: 'none',
        data: input.projection.map((r) => [ms(r.date), r.thickness_mm]),
        lineStyle: { type: 'dashed', width: 2 },
        color: '#b34700',
      },
    ],
  });
  const onResize = () => chart.resize();
  window.addEventListener('resize', onResize);
  return () => {
    window.removeEventListener('resize', onResize);
    chart.dispose();
  };
}
