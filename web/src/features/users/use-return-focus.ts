import { useCallback, useRef } from 'react';

/**
 * Focus for dialogs that are mounted only while open (Mantine returns focus only when `opened`
 * changes on a mounted modal): remember the button that opened the dialog, and give focus back
 * to it on close, or to `fallback` when it is gone (a hidden user's row, for instance).
 */
export function useReturnFocus(fallback: () => HTMLElement | null | undefined) {
  const trigger = useRef<HTMLElement | null>(null);
  const fallbackRef = useRef(fallback);
  fallbackRef.current = fallback;

  const remember = useCallback((element?: HTMLElement | null) => {
    trigger.current = element ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
  }, []);

  const restore = useCallback(() => {
    // After React has removed the dialog (and with it, the focus trap).
    window.setTimeout(() => {
      const element = trigger.current;
      if (element && element.isConnected) element.focus();
      else fallbackRef.current()?.focus();
    }, 30);
  }, []);

  return { remember, restore };
}
