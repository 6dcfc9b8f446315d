import { Button, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { enablePushOnThisDevice, pushSupported, subscribedOnThisDevice } from './push-subscription';

/** A name to tell devices apart in the subscriptions list, e.g. "Chrome on Linux". */
function deviceName(): string {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Browser';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac OS/.test(ua)
        ? 'macOS'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'this device';
  return `${browser} on ${os}`;
}

/** "Enable notifications on this device": Web Push for the user's PUSH channels. */
export function EnablePushButton() {
  const subscribed = useQuery({ queryKey: ['push', 'this-device'], queryFn: subscribedOnThisDevice, enabled: pushSupported() });
  const enable = useMutation({ mutationFn: () => enablePushOnThisDevice(deviceName()), onSuccess: () => void subscribed.refetch() });
  if (!pushSupported()) return <Text size="sm">This browser cannot receive push notifications.</Text>;
  if (subscribed.data || enable.isSuccess) return <Text size="sm">Notifications are enabled on this device.</Text>;
  return (
    <Stack gap={4} align="flex-start">
      <Button variant="light" onClick={() => enable.mutate()} loading={enable.isPending}>
        Enable notifications on this device
      </Button>
      {enable.isError && (
        <Text size="sm" c="red" role="alert">
          {enable.error.message}
        </Text>
      )}
    </Stack>
  );
}
