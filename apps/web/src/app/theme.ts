import { createTheme } from '@mantine/core';

// Shade 8 in both schemes: links and filled buttons keep a 4.5:1 contrast (axe color-contrast).
export const theme = createTheme({ primaryColor: 'indigo', primaryShade: 8, defaultRadius: 'md' });
