import { dayNumOfIso } from '../../../../src/simulator/data/calendar';
import { SIM_DATASET } from '../../../../src/simulator/data/dataset';
import { DayStore } from '../../../../src/simulator/data/store';
import { buildFrame } from '../../../../src/simulator/data/frame';
import { zoneQuarters } from '../../../../src/simulator/data/shapes';
test('perf', () => {
  const s = new DayStore(SIM_DATASET);
  const b = SIM_DATASET.buildings[0]!;
  let t = Date.now();
  for (let d = dayNumOfIso('2025-01-01'); d < dayNumOfIso('2025-01-01') + 100; d++) buildFrame(b.timeZone, d);
  const frames = Date.now() - t; t = Date.now();
  const f = buildFrame(b.timeZone, dayNumOfIso('2025-01-06'));
  for (let i = 0; i < 1400; i++) zoneQuarters(b, SIM_DATASET.zones[i % 14]!, f, 1);
  const zq = Date.now() - t; t = Date.now();
  for (let d = dayNumOfIso('2024-01-01'); d < dayNumOfIso('2024-01-01') + 100; d++) s.day(b, d);
  expect([frames, zq, Date.now() - t]).toEqual([]);
});
