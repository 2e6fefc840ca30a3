/**
 * What an alert message's chart draws, read back from the message the way Slack gets it: the
 * Chart.js config inside the QuickChart URL (a JavaScript object literal, read in a sandbox)
 * and the image block's alt text.
 */
import { runInNewContext } from 'node:vm';

export interface DrawnDataset {
  readonly type?: string;
  readonly label: string;
  readonly data: (number | null)[];
  readonly backgroundColor?: string;
}

export interface DrawnChart {
  readonly labels: string[];
  readonly datasets: DrawnDataset[];
  readonly altText: string;
}

type ImageBlock = { type: string; image_url?: string; alt_text?: string };

export function drawnChart(blocks: readonly unknown[] | undefined): DrawnChart {
  const image = (blocks ?? []).find((b) => (b as ImageBlock).type === 'image') as ImageBlock | undefined;
  if (!image?.image_url) throw new Error('no chart image in the message');
  const config = runInNewContext(`(${new URL(image.image_url).searchParams.get('c') ?? 'null'})`, {}, { timeout: 1000 }) as {
    data: { labels: string[]; datasets: DrawnDataset[] };
  };
  return { labels: config.data.labels, datasets: config.data.datasets, altText: image.alt_text ?? '' };
}

/** The value drawn at a label by the dataset whose label starts with `prefix`, or null. */
export function valueAt(chart: DrawnChart, prefix: string, label: string): number | null {
  const ds = chart.datasets.find((d) => d.label.startsWith(prefix));
  const i = chart.labels.indexOf(label);
  if (!ds || i < 0) return null;
  return ds.data[i] ?? null;
}
