import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layering rule of eslint.config.js, proven on fake files: a query-builder call in a route or
 * a use case fails the lint; the same call in a repository passes (docs/adding-a-module.md).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: root });
const dir = path.join(root, 'server/src/modules/example');

const RULE = 'no-restricted-syntax';
async function layeringErrors(fileName: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(dir, fileName) });
  return result!.messages.filter((m) => m.ruleId === RULE || m.ruleId === 'no-restricted-imports').map((m) => `${m.ruleId}@${m.line}`);
}

const selectInUseCase = `import type { Deps } from '../../deps.ts';
export async function listThings(deps: Deps) {
  return deps.db.selectFrom('users').selectAll().execute();
}
`;

describe('layering lint', () => {
  it('fails a query-builder call in a use case', async () => {
    expect(await layeringErrors('example.usecases.ts', selectInUseCase)).toEqual([`${RULE}@3`]);
  });

  it('fails a query-builder call in a route', async () => {
    expect(await layeringErrors('example.routes.ts', selectInUseCase)).toEqual([`${RULE}@3`]);
  });

  it('fails every builder entry point, raw sql and transactions outside repositories', async () => {
    const code = `import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
export async function write(deps: Deps) {
  await deps.db.insertInto('users').values({} as never).execute();
  await deps.db.updateTable('users').set({} as never).execute();
  await deps.db.deleteFrom('users').execute();
  await deps.db.transaction().execute(async () => undefined);
  await sql\`select 1\`.execute(deps.db);
  await deps.db.schema.dropTable('users').execute();
}
`;
    expect(await layeringErrors('example.usecases.ts', code)).toEqual([4, 5, 6, 7, 8, 9].map((l) => `${RULE}@${l}`));
  });

  it('fails a route that imports a repository (routes call use cases)', async () => {
    const code = `import { findThing } from './example.repository.ts';\nexport const x = findThing;\n`;
    expect(await layeringErrors('example.routes.ts', code)).toEqual(['no-restricted-imports@1']);
  });

  it('passes the same calls in a repository', async () => {
    expect(await layeringErrors('example.repository.ts', selectInUseCase)).toEqual([]);
  });

  it('passes a use case that calls a repository and the transaction helper', async () => {
    const code = `import type { Deps } from '../../deps.ts';
import { inTransaction } from '../../db/transaction.ts';
import { findThing } from './example.repository.ts';
export async function getThing(deps: Deps, id: string) {
  return inTransaction(deps.db, (tx) => findThing(tx, id));
}
`;
    expect(await layeringErrors('example.usecases.ts', code)).toEqual([]);
  });
});
