import { Button, CopyButton } from '@mantine/core';

export interface CopyValueButtonProps {
  value: string;
  /** What is copied, for screen readers ("Copy API key"). */
  label: string;
  size?: 'xs' | 'sm';
}

/** Copies a value to the clipboard and says so for two seconds. */
export function CopyValueButton({ value, label, size = 'xs' }: CopyValueButtonProps) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Button size={size} variant={copied ? 'filled' : 'default'} color={copied ? 'teal' : undefined} onClick={copy} aria-label={label}>
          <span aria-live="polite">{copied ? 'Copied' : 'Copy'}</span>
        </Button>
      )}
    </CopyButton>
  );
}
