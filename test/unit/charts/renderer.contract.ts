import { dayChartConfig } from '../../../src/charts/config';
import type { ChartConfig } from '../../../src/charts/model';
import { type ChartRenderer, SLACK_IMAGE_URL_MAX } from '../../../src/charts/quickchart';
import { isAppError } from '../../../src/errors';
import { dayWindow } from '../../../src/domain/time';

export interface RendererHarness {
  readonly renderer: ChartRenderer;
  /** Makes the rendering server answer with an error from now on. */
  breakServer(): void;
  cleanup(): Promise<void>;
}

export type MakeRenderer = () => Promise<RendererHarness>;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const zone = 'America/Toronto';
const start = dayWindow('2025-11-25', zone).start;

export const smallConfig: ChartConfig = dayChartConfig({
  kind: 'day',
  subject: 'DEMO (71)',
  date: '2025-11-25',
  zone,
  granularity: 'PT1H',
  buckets: [8, 9, 10, 11, 12].map((h, i) => ({ start: start + h * 3_600_000, value: 40 + i * 20 })),
});

/** Around 600 labelled values: far beyond any URL limit. */
export const oversizedConfig: ChartConfig = {
  type: 'bar',
  data: {
    labels: Array.from({ length: 600 }, (_, i) => `label ${i}`),
    datasets: [{ type: 'bar', label: 'big', data: Array.from({ length: 600 }, (_, i) => 1000 + i) }],
  },
};

/** What every ChartRenderer adapter must do, run against each adapter with its own harness. */
export function runChartRendererContract(name: string, makeRenderer: MakeRenderer): void {
  describe(`ChartRenderer contract: ${name}`, () => {
    let harness: RendererHarness | undefined;
    const h = (): RendererHarness => {
      if (!harness) throw new Error('harness used outside a test');
      return harness;
    };

    beforeEach(async () => {
      harness = await makeRenderer();
    });
    afterEach(async () => {
      await harness?.cleanup();
      harness = undefined;
    });

    it('gives a URL within Slack’s limit that renders a PNG', async () => {
      const url = h().renderer.url(smallConfig);
      expect(url).toMatch(/^https?:\/\//);
      expect(url?.length).toBeLessThanOrEqual(SLACK_IMAGE_URL_MAX);
      const res = await fetch(url ?? '');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    });

    it('gives null instead of a URL that is too long', () => {
      expect(h().renderer.url(oversizedConfig)).toBeNull();
    });

    it('renders PNG bytes, also for configs too long for a URL', async () => {
      for (const config of [smallConfig, oversizedConfig]) {
        const png = await h().renderer.png(config);
        expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      }
    });

    it('fails with a typed upstream error that does not echo the chart', async () => {
      h().breakServer();
      const err: unknown = await h().renderer.png(smallConfig).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isAppError(err)).toBe(true);
      expect(isAppError(err) && err.code.startsWith('UPSTREAM_')).toBe(true);
      expect(String((err as Error).message)).not.toContain('DEMO');
    });
  });
}
