import { startSimulator } from '../../../src/simulator';
import { describeInnerSpacePortContract } from './port-contract';
import { clientFor, SIM_NOW, YESTERDAY, type Mode } from './helpers';

for (const mode of ['session', 'bearer'] as Mode[]) {
  describeInnerSpacePortContract(`GraphQL client on the simulator (${mode})`, async () => {
    const sim = await startSimulator({ clock: () => SIM_NOW });
    return { port: clientFor(sim, mode), publishedDay: YESTERDAY, cleanup: () => sim.close() };
  });
}
