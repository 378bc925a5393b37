import type { RefObject } from 'react';

/** Moves focus to the first field that has an error, in the order given. */
export function focusFirstError<K extends string>(
  errors: Partial<Record<K, string>>,
  fields: ReadonlyArray<readonly [K, RefObject<HTMLInputElement | null>]>,
): void {
  for (const [name, ref] of fields) {
    if (errors[name]) {
      ref.current?.focus();
      return;
    }
  }
}
