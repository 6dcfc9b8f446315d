import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Gauge } from 'prom-client';
import { EventStream } from '@app/common';
import { METRIC } from './metric-names';

/**
 * Every open server-sent event stream of this process, whatever it follows: counted in
 * websocket_connections_active, and closed before shutdown (an open stream would hold up the server's close).
 */
@Injectable()
export class LiveStreams implements BeforeApplicationShutdown {
  private readonly streams = new Set<EventStream>();

  constructor(@InjectMetric(METRIC.liveConnections) private readonly connections: Gauge) {}

  open(): EventStream {
    const stream = new EventStream();
    this.streams.add(stream);
    this.connections.inc();
    stream.onClose(() => {
      this.streams.delete(stream);
      this.connections.dec();
    });
    return stream;
  }

  beforeApplicationShutdown(): void {
    for (const stream of [...this.streams]) stream.close();
  }
}
