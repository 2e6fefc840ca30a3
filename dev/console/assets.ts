import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Where the page's files are. They are not TypeScript, so the build leaves them in dev/ (the
 * Dockerfile copies dev/console/public beside dist/): from dist/dev/console the same folder is
 * found three levels up.
 */
export function findPublicDir(from: string = __dirname): string | null {
  const candidates = [join(from, 'public'), resolve(from, '../../../dev/console/public')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/** Chart.js's browser build from node_modules, so the page draws charts without the internet. */
export function findChartJs(): string | null {
  try {
    const file = join(dirname(require.resolve('chart.js')), 'chart.umd.js');
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Serves one file of the public folder by bare name (no folders, nothing outside it). */
export async function serveAsset(res: ServerResponse, dir: string | null, name: string): Promise<void> {
  if (dir === null) {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The console files were not found next to the app (dev/console/public).');
    return;
  }
  const type = TYPES[extname(name)];
  if (!SAFE_NAME.test(name) || name.includes('..') || type === undefined) {
    res.writeHead(404).end();
    return;
  }
  await serveFile(res, join(dir, name), type);
}

export async function serveFile(res: ServerResponse, file: string, type: string): Promise<void> {
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-cache' });
  res.end(body);
}
