import { SectionNav } from '../../../shared/ui/section-nav';

const SECTIONS = [
  { to: '/notifications', label: 'Inbox', end: true },
  { to: '/notifications/channels', label: 'Channels' },
  { to: '/notifications/subscriptions', label: 'Subscriptions' },
  { to: '/notifications/alert-rules', label: 'Alert rules' },
];

export function NotificationsNav() {
  return <SectionNav label="Notifications sections" sections={SECTIONS} />;
}
