import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, GridComponent, TooltipComponent, SVGRenderer]);

/**
 * The route by region as a path of numbered stops: there is no map geometry offline, so each region
 * the goods passed through is a stop, left to right and snaking down on narrow screens.
 */
export default function RouteChart({ regions, empty }: { regions: string[]; empty: string }) {
  const node = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = node.current;
    if (!element || regions.length === 0) return;
    // Two stops a row on a phone, four on a wider screen; each row 90 px high.
    const perRow = element.clientWidth >= 560 ? 4 : 2;
    const rows = Math.ceil(regions.length / perRow);
    element.style.height = `${40 + rows * 90}px`;
    const chart = echarts.init(element, undefined, { renderer: 'svg' });
    const stops = regions.map((name, i) => {
      const row = Math.floor(i / perRow);
      const col = row % 2 === 0 ? i % perRow : perRow - 1 - (i % perRow);
      return { name: `${i + 1}. ${name}`, value: [col, row] };
    });
    chart.setOption({
      animation: false,
      grid: { left: 56, right: 56, top: 20, bottom: 40 },
      xAxis: { type: 'value', min: -0.2, max: perRow - 0.8, show: false },
      yAxis: { type: 'value', min: -0.3, max: rows - 0.7, inverse: true, show: false },
      tooltip: { trigger: 'item', formatter: '{b}' },
      series: [
        {
          type: 'line',
          data: stops,
          symbol: 'circle',
          symbolSize: 16,
          lineStyle: { width: 3, color: '#1677ff' },
          itemStyle: { color: '#1677ff' },
          label: {
            show: true,
            position: 'bottom',
            formatter: '{b}',
            width: 110,
            overflow: 'break',
            fontSize: 12,
            lineHeight: 16,
            color: '#262626',
          },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [regions]);
  if (regions.length === 0) return <p className="sy-muted sy-empty">{empty}</p>;
  return <div ref={node} data-testid="route-chart" style={{ width: '100%', height: 130 }} />;
}
