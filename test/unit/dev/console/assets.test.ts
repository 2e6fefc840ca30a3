import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPublicDir } from '../../../../dev/console/assets';

const ROOT = join(__dirname, '../../../..');

describe('the console page folder', () => {
  it('is found next to the code from source (ts-node, jest)', () => {
    expect(findPublicDir(join(ROOT, 'dev/console'))).toBe(join(ROOT, 'dev/console/public'));
  });

  it('is found from the compiled code in dist/dev/console, where the Dockerfile puts it beside dist/', () => {
    expect(findPublicDir(join(ROOT, 'dist/dev/console'))).toBe(join(ROOT, 'dev/console/public'));
    expect(existsSync(join(ROOT, 'dev/console/public/index.html'))).toBe(true);
  });

  it('is null when neither place has the page', () => {
    expect(findPublicDir(join(tmpdir(), 'no-console-here/a/b'))).toBeNull();
  });
});
