import { loadConfig } from '@app/config';
import { TargetGuard } from './target-guard';

const guard = (allowed = '') => new TargetGuard(loadConfig({ NOTIFICATION_ALLOWED_HOSTS: allowed }));

describe('TargetGuard', () => {
  it('refuses loopback, private and link-local literals by default', () => {
    expect(guard().urlRefusal('http://127.0.0.1:8080/hook')).toMatch(/loopback/);
    expect(guard().urlRefusal('http://10.1.2.3/hook')).toMatch(/private/);
    expect(guard().urlRefusal('http://169.254.169.254/latest')).toMatch(/linkLocal/);
    expect(guard().urlRefusal('http://[::1]/hook')).toMatch(/loopback/);
  });

  it('accepts public addresses and names (names are checked at connect time)', () => {
    expect(guard().urlRefusal('https://93.184.216.34/hook')).toBeNull();
    expect(guard().urlRefusal('https://hooks.slack.com/services/x')).toBeNull();
  });

  it('lets NOTIFICATION_ALLOWED_HOSTS open hosts and ranges', () => {
    expect(guard('127.0.0.1').urlRefusal('http://127.0.0.1:8080/hook')).toBeNull();
    expect(guard('10.0.0.0/8').urlRefusal('http://10.1.2.3/hook')).toBeNull();
    expect(guard('internal.example').refusal('10.0.0.1', 'internal.example')).toBeNull();
  });

  it('refuses other schemes', () => expect(guard().urlRefusal('ftp://example.com/x')).toMatch(/only http and https/));
});
