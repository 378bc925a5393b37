import type { DbOrTx } from '../../db/schema.ts';
import type { DemoContext } from '../demo/demo.seed.ts';

/** The evaluations module's part of the demo establishment (CONTRACT: every screen shows something). */
export async function seedEvaluationsDemo(_tx: DbOrTx, _ctx: DemoContext): Promise<void> {}
