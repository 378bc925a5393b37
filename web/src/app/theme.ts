import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';
import { fr } from './i18n/fr.ts';

/**
 * The Cerise Pro theme. Light scheme only; every filled colour is used at shade 8, and the
 * shades 8–9 of the status palettes are darkened so white text on them, and their text on
 * their own light tint, reach the WCAG AA contrast of 4.5:1.
 */
function withDarkShades(base: MantineColorsTuple, shade8: string, shade9: string): MantineColorsTuple {
  const [c0, c1, c2, c3, c4, c5, c6, c7] = base;
  return [c0, c1, c2, c3, c4, c5, c6, c7, shade8, shade9];
}

const cerise: MantineColorsTuple = [
  '#fff0f4',
  '#ffe0e8',
  '#fbbfce',
  '#f694ad',
  '#ef6a8c',
  '#e2466f',
  '#cc2d58',
  '#b51f49',
  '#9e1740', // 7.9:1 on white
  '#82102f',
];

export const theme = createTheme({
  primaryColor: 'cerise',
  primaryShade: { light: 8, dark: 8 },
  colors: {
    cerise,
    red: withDarkShades(DEFAULT_THEME.colors.red, '#b02525', '#8f1d1d'),
    green: withDarkShades(DEFAULT_THEME.colors.green, '#237032', '#1b5727'),
    orange: withDarkShades(DEFAULT_THEME.colors.orange, '#a63c06', '#8a3205'),
    blue: withDarkShades(DEFAULT_THEME.colors.blue, '#1864ab', '#124f88'),
  },
  focusRing: 'auto',
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  headings: { fontWeight: '700' },
  components: {
    // French accessible names for Mantine's built-in buttons, and announced field errors.
    CloseButton: { defaultProps: { 'aria-label': fr.app.close } },
    // The required asterisk is drawn by global.css, outside the label's text: labels read
    // exactly « Mot de passe », not « Mot de passe * ».
    InputWrapper: { defaultProps: { errorProps: { role: 'alert' }, withAsterisk: false } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': fr.app.close } } },
    // Square boxes: with the theme's medium radius, checkboxes looked like radio buttons.
    Checkbox: { defaultProps: { radius: 'xs' } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-error': t.colors.red[8],
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-placeholder': t.colors.gray[6],
  },
  dark: {},
});
