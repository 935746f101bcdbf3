/**
 * RocketMQ's remoting protocol, the part a producer needs: framing of a RemotingCommand (JSON
 * header), the message-batch body of SEND_BATCH_MESSAGE, and the property encoding messages carry.
 * Pure functions; no I/O. Layout as in the broker's RemotingCommand and MessageDecoder:
 *
 *   frame  = int32 length (of what follows) | int32 (serialize type << 24 | header length) | header | body
 *   header = JSON {code, language, version, opaque, flag, remark?, extFields}; flag bit 0 = response
 *   batch  = per message: int32 total size | int32 magic 0 | int32 body CRC 0 | int32 flag |
 *            int32 body length | body | int16 properties length | properties
 *   properties = name \u0001 value \u0002 ... (UTF-8)
 */

export const RequestCode = { GET_ROUTEINFO_BY_TOPIC: 105, SEND_MESSAGE_V2: 310, SEND_BATCH_MESSAGE: 320 } as const;

/** Response codes a producer acts on (RemotingSysResponseCode and ResponseCode of the broker). */
export const ResponseCode = {
  SUCCESS: 0,
  SYSTEM_ERROR: 1,
  SYSTEM_BUSY: 2,
  /** Stored, not yet flushed or replicated: the message is in the commit log (as the Java client). */
  FLUSH_DISK_TIMEOUT: 10,
  SLAVE_NOT_AVAILABLE: 11,
  FLUSH_SLAVE_TIMEOUT: 12,
  MESSAGE_ILLEGAL: 13,
  SERVICE_NOT_AVAILABLE: 14,
  NO_PERMISSION: 16,
  TOPIC_NOT_EXIST: 17,
} as const;

export const STORED_CODES: ReadonlySet<number> = new Set([ResponseCode.SUCCESS, ResponseCode.FLUSH_DISK_TIMEOUT, ResponseCode.SLAVE_NOT_AVAILABLE, ResponseCode.FLUSH_SLAVE_TIMEOUT]);

/** Message properties the broker and the 5.x proxy interpret (MessageConst). */
export const Property = {
  KEYS: 'KEYS',
  TAGS: 'TAGS',
  WAIT: 'WAIT',
  UNIQ_KEY: 'UNIQ_KEY',
  /** The 5.x messageGroup of a FIFO message; its presence makes the proxy treat the message as FIFO. */
  SHARDING_KEY: '__SHARDINGKEY',
} as const;

/** Separator of several message keys in the KEYS property (MessageConst.KEY_SEPARATOR). */
export const KEY_SEPARATOR = ' ';

export interface RemotingCommand {
  readonly code: number;
  readonly opaque: number;
  /** Bit 0: response; bit 1: one-way. */
  readonly flag: number;
  readonly remark?: string;
  readonly extFields: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

/** Header serialize type JSON (0) in the high byte of the header-length word. */
const SERIALIZE_JSON = 0;
export const RESPONSE_FLAG = 1;

export function encodeCommand(command: RemotingCommand): Buffer {
  const head = encodeHead(command);
  return command.body ? Buffer.concat([head, command.body]) : head;
}

/** The frame without its body: length words and header (the body is written after it as it is). */
export function encodeHead(command: RemotingCommand): Buffer {
  const header = Buffer.from(
    JSON.stringify({
      code: command.code,
      language: 'NODE_JS',
      // 5.3's version ordinal: newer than V4_9_4, so route data comes back as standard JSON.
      version: 500,
      opaque: command.opaque,
      flag: command.flag,
      ...(command.remark !== undefined ? { remark: command.remark } : {}),
      extFields: command.extFields,
      serializeTypeCurrentRPC: 'JSON',
    }),
    'utf8',
  );
  const bodyLength = command.body?.length ?? 0;
  const prefix = Buffer.allocUnsafe(8);
  prefix.writeInt32BE(4 + header.length + bodyLength, 0);
  prefix.writeInt32BE(((SERIALIZE_JSON << 24) | header.length) >>> 0, 4);
  return Buffer.concat([prefix, header]);
}

/**
 * Splits complete frames off the front of `buffer`; returns the commands and what is left over.
 * A frame whose header is not JSON (ROCKETMQ serialization) is an error: we never ask for it.
 */
export function decodeFrames(buffer: Buffer): { commands: RemotingCommand[]; rest: Buffer } {
  const commands: RemotingCommand[] = [];
  let offset = 0;
  while (buffer.length - offset >= 4) {
    const length = buffer.readInt32BE(offset);
    if (buffer.length - offset - 4 < length) break;
    const word = buffer.readUInt32BE(offset + 4);
    const type = word >>> 24;
    const headerLength = word & 0xffffff;
    if (type !== SERIALIZE_JSON) throw new Error(`remoting: unexpected header serialization ${type} (only JSON is requested)`);
    const headerStart = offset + 8;
    const header = JSON.parse(buffer.toString('utf8', headerStart, headerStart + headerLength)) as {
      code: number;
      opaque: number;
      flag?: number;
      remark?: string;
      extFields?: Record<string, string>;
    };
    const bodyStart = headerStart + headerLength;
    const bodyEnd = offset + 4 + length;
    commands.push({
      code: header.code,
      opaque: header.opaque,
      flag: header.flag ?? 0,
      ...(header.remark != null ? { remark: header.remark } : {}),
      extFields: header.extFields ?? {},
      ...(bodyEnd > bodyStart ? { body: Buffer.from(buffer.subarray(bodyStart, bodyEnd)) } : {}),
    });
    offset = bodyEnd;
  }
  return { commands, rest: offset === 0 ? buffer : buffer.subarray(offset) };
}

const NAME_VALUE = '\u0001';
const PROPERTY_SEPARATOR = '\u0002';

/** The broker's property string. Names and values must not contain \u0001 or \u0002. */
export function encodeProperties(properties: ReadonlyMap<string, string>): string {
  let out = '';
  for (const [name, value] of properties) out += name + NAME_VALUE + value + PROPERTY_SEPARATOR;
  return out;
}

export function decodeProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of text.split(PROPERTY_SEPARATOR)) {
    const at = item.indexOf(NAME_VALUE);
    if (at > 0) out.set(item.slice(0, at), item.slice(at + 1));
  }
  return out;
}

export interface BatchEntry {
  readonly body: Buffer;
  /** Encoded properties (encodeProperties). */
  readonly properties: string;
  /** Their UTF-8 length. */
  readonly propertiesBytes: number;
}

export const batchEntry = (body: Buffer, properties: string): BatchEntry => ({ body, properties, propertiesBytes: Buffer.byteLength(properties, 'utf8') });

/** Bytes one entry takes in a batch body. */
export const entryBytes = (entry: BatchEntry): number => 4 + 4 + 4 + 4 + 4 + entry.body.length + 2 + entry.propertiesBytes;

/** The body of SEND_BATCH_MESSAGE (MessageDecoder.encodeMessages). */
export function encodeBatch(entries: readonly BatchEntry[]): Buffer {
  let total = 0;
  for (const e of entries) {
    if (e.propertiesBytes > 0x7fff) throw new Error(`remoting: message properties of ${e.propertiesBytes} bytes exceed the protocol's 32,767`);
    total += entryBytes(e);
  }
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (const e of entries) {
    const size = entryBytes(e);
    at = out.writeInt32BE(size, at);
    at = out.writeInt32BE(0, at); // magic code: not checked for batch entries
    at = out.writeInt32BE(0, at); // body CRC: the broker computes its own
    at = out.writeInt32BE(0, at); // flag
    at = out.writeInt32BE(e.body.length, at);
    at += e.body.copy(out, at);
    at = out.writeInt16BE(e.propertiesBytes, at);
    at += out.write(e.properties, at, 'utf8');
  }
  return out;
}
