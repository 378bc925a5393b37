/**
 * Whether a page's <h1> takes focus when it appears. Off on the first load (the browser and
 * screen readers start at the top), on after the first navigation inside the application, or
 * when a screen replaces another without a navigation (`requestTitleFocus`).
 */
let focusTitles = false;

export function requestTitleFocus(): void {
  focusTitles = true;
}

export function shouldFocusTitle(): boolean {
  return focusTitles;
}
