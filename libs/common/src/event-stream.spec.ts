import { EventStream } from './event-stream';

describe('EventStream', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const text = (stream: EventStream) => {
    const chunks: string[] = [];
    stream.body.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    return chunks;
  };

  it('writes the retry hint, events and a keep-alive every 15 s; nothing after close', () => {
    const stream = new EventStream();
    const chunks = text(stream);
    stream.send('unread', { count: 2 });
    jest.advanceTimersByTime(15_000);
    stream.close();
    stream.send('unread', { count: 3 });
    jest.advanceTimersByTime(60_000);
    expect(chunks.join('')).toBe('retry: 1000\n\nevent: unread\ndata: {"count":2}\n\n: keep-alive\n\n');
  });

  it('closes once: clean-ups run once, pending timers never fire, a late clean-up runs at once', () => {
    const stream = new EventStream();
    const cleanup = jest.fn();
    const timer = jest.fn();
    stream.onClose(cleanup);
    stream.after(1_000, timer);
    stream.close();
    stream.close();
    jest.advanceTimersByTime(5_000);
    expect(cleanup).toHaveBeenCalledTimes(1);
    expect(timer).not.toHaveBeenCalled();
    const late = jest.fn();
    stream.onClose(late);
    expect(late).toHaveBeenCalledTimes(1);
    expect(stream.isClosed).toBe(true);
  });
});
