import { dueSlots, SlotCache } from '../src/services/digests/schedule';
for (const cache of [undefined, new SlotCache()]) {
const t0 = performance.now();
let n = 0;
const start = Date.parse('2027-03-01T00:00:00Z');
for (let i = 0; i < 44640; i++) {
  n += dueSlots({ timeOfDay: '08:00', days: [1,2,3,4,5,6,7], timeZone: 'America/New_York' }, start + i * 60000, { lookbackDays: 1, cache }).length;
}
console.log(n, performance.now() - t0);
}
