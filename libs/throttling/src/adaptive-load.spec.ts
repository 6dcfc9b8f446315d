import { loadConfig } from '@app/config';
import { AdaptiveLoadService } from './adaptive-load.service';
import { LoadSampler, usableCores } from './load-sampler';

describe('AdaptiveLoadService', () => {
  const service = () =>
    new AdaptiveLoadService(
      loadConfig({ NODE_ENV: 'test', THROTTLE_ADAPTIVE_CPU_THRESHOLD: '0.8', THROTTLE_ADAPTIVE_MEMORY_THRESHOLD: '0.9' }),
    );

  it('enters pressure above either threshold', () => {
    const cpu = service();
    cpu.observe({ cpu: 0.81, memory: 0 });
    expect(cpu.underPressure).toBe(true);
    const memory = service();
    memory.observe({ cpu: 0, memory: 0.95 });
    expect(memory.underPressure).toBe(true);
  });

  it('relaxes only once both readings are clearly below (no flapping at the threshold)', () => {
    const adaptive = service();
    adaptive.observe({ cpu: 0.85, memory: 0.2 });
    adaptive.observe({ cpu: 0.78, memory: 0.2 });
    expect(adaptive.underPressure).toBe(true);
    adaptive.observe({ cpu: 0.7, memory: 0.2 });
    expect(adaptive.underPressure).toBe(false);
  });
});

describe('load sampling', () => {
  it('uses the cgroup CPU quota when it is below the machine', () => {
    expect(usableCores('150000 100000\n', 4)).toBe(1.5);
    expect(usableCores('max 100000\n', 4)).toBe(4);
    expect(usableCores(null, 2)).toBe(2);
  });

  it('reports shares between 0 and 1', () => {
    const sampler = new LoadSampler();
    const end = Date.now() + 30;
    while (Date.now() < end); // a little CPU to measure
    const reading = sampler.sample();
    expect(reading.cpu).toBeGreaterThan(0);
    expect(reading.cpu).toBeLessThanOrEqual(1);
    expect(reading.memory).toBeGreaterThan(0);
    expect(reading.memory).toBeLessThan(1);
  });
});
