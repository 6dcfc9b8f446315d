import { createTheme } from '@mantine/core';

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
