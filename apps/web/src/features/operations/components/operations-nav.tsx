import { SectionNav } from '../../../shared/ui/section-nav';

const SECTIONS = [
  { to: '/operations', label: 'Overview', end: true },
  { to: '/operations/backups', label: 'Backups' },
];

export function OperationsNav() {
  return <SectionNav label="Operations sections" sections={SECTIONS} />;
}
