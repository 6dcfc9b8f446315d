import { PWA_CHANNEL, type WorkerBroadcast } from '../pwa/sw-protocol';

const channel = new BroadcastChannel(PWA_CHANNEL);

/** Tells every open tab of the console (BroadcastChannel: no client lookup, works with none open). */
export function broadcast(message: WorkerBroadcast): void {
  channel.postMessage(message);
}
