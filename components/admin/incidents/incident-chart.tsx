'use client';

import { TimeChart, type ChartMarker } from '@/components/latency/time-chart';
import type { IncidentChart as Chart } from '@/lib/telemetry/incident-chart';

/** Factory latency (p99, max) and the oldest call in flight over the incident, with a numbered line per timeline entry. */
export function IncidentChart({ chart, markers }: { chart: Chart; markers: ChartMarker[] }) {
  const bucket = `${chart.resolution < 60 ? `${chart.resolution} s` : `${chart.resolution / 60} min`} buckets`;
  return (
    <div className="flex flex-col gap-6">
      <TimeChart
        title="Factory latency"
        description={`p99 and max of pizza creations (customers and probe), ${bucket}`}
        t={chart.factory.t}
        series={[
          { label: 'p99', values: chart.factory.p99, color: '#d9412b', width: 2 },
          { label: 'max', values: chart.factory.max, color: '#231c1a', dash: [2, 3] },
        ]}
        unit="ms"
        markers={markers}
        logScale
        height={240}
      />
      <TimeChart
        title="Oldest factory call in flight"
        description="a hung call climbs here while it hangs"
        t={chart.inFlight.t}
        series={[{ label: 'factory call', values: chart.inFlight.factoryMs, color: '#d9412b', width: 2 }]}
        unit="ms"
        markers={markers}
        height={160}
      />
    </div>
  );
}
