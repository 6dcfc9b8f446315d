import { Readable } from 'node:stream';
import { ByteRange } from '../byte-range';

/** Where file bytes live; keys are `<userId>/<fileId>`. */
export abstract class FileStorage {
  /** Writes the stream under key; on any error nothing stays under key. */
  abstract put(key: string, content: Readable): Promise<void>;
  abstract read(key: string, range?: ByteRange): Promise<Readable>;
  /** Removes key; a missing key is not an error. */
  abstract remove(key: string): Promise<void>;
}
