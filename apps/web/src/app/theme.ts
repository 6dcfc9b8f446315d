import { createTheme, CSSVariablesResolver } from '@mantine/core';

// Shade 8 in both schemes: links and filled buttons keep a 4.5:1 contrast (axe color-contrast).
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  defaultRadius: 'md',
  components: {
    // Positioned, so the absolutely placed VisuallyHidden headers inside a wide table are clipped with it
    // instead of widening the page at phone width.
    TableScrollContainer: { styles: { scrollContainer: { position: 'relative' } } },
  },
});

// Mantine's default error red fails axe's 4.5:1 contrast for field messages in both schemes.
export const contrastSafeColors: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-error': t.colors.red[8] },
  dark: { '--mantine-color-error': t.colors.red[4] },
});
