/**
 * Error text that keeps a 4.5:1 contrast in both schemes (axe color-contrast): Mantine's
 * --mantine-color-error (red 6 on white, red 8 on dark grey) falls short in both.
 */
export const ERROR_COLOR = 'light-dark(var(--mantine-color-red-8), var(--mantine-color-red-4))';
