import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, HOW_TO_GET_ONE } from './browser';

/** How the browser test picks its browser, on fake executables in a folder of its own. */
describe('finding a browser for the browser test', () => {
  let dir: string;
  const file = (name: string, mode: number) => {
    const path = join(dir, name);
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, mode);
    return path;
  };
  const none = async () => false;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'occupancy-browser-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes CHROMIUM_PATH when set, before any system browser', async () => {
    const chosen = file('my-chrome', 0o755);
    const system = file('chromium', 0o755);
    expect(await findChromium({ CHROMIUM_PATH: chosen }, [system], none)).toEqual({ executablePath: chosen, from: 'CHROMIUM_PATH' });
  });

  it('fails on a CHROMIUM_PATH that is missing or not executable, saying how to get a browser', async () => {
    const system = file('chromium', 0o755);
    await expect(findChromium({ CHROMIUM_PATH: join(dir, 'nothing') }, [system], none)).rejects.toThrow(`there is no such file. ${HOW_TO_GET_ONE}`);
    const plain = file('plain', 0o644);
    await expect(findChromium({ CHROMIUM_PATH: plain }, [system], none)).rejects.toThrow(`that file is not executable. ${HOW_TO_GET_ONE}`);
  });

  it('takes the first executable system path, skipping missing and non-executable ones', async () => {
    const plain = file('chromium-browser', 0o644);
    const chrome = file('google-chrome', 0o755);
    expect(await findChromium({}, [join(dir, 'chromium'), plain, chrome], none)).toEqual({ executablePath: chrome, from: chrome });
  });

  it("falls back to playwright's own browser cache, then to nothing", async () => {
    expect(await findChromium({}, [join(dir, 'chromium')], async () => true)).toEqual({ from: "playwright's browser cache" });
    expect(await findChromium({ CHROMIUM_PATH: '' }, [join(dir, 'chromium')], none)).toBeNull();
  });
});
