import type { DbOrTx } from '../../db/schema.ts';
import type { DemoContext } from '../demo/demo.seed.ts';

/** The passport module's part of the demo establishment (CONTRACT: every screen shows something). */
export async function seedPassportDemo(_tx: DbOrTx, _ctx: DemoContext): Promise<void> {}
