// Alibaba Cloud's DTS subscribe SDK as a consumer of our DTS Avro: its jars resolved by Maven into
// .dts/stack/dts-sdk/lib (scripts/java/dts-sdk/pom.xml; cached in ~/.m2), scripts/java/DtsSdkDecode.java
// compiled against them, and message bodies decoded by it (the SDK's AvroDeserializer, AvroRecordParser
// and value deserializers), one JSON line per record.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stackPaths } from './config.js';
import { compileJava, copyMavenJars, runJava } from './java.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const POM = join(HERE, '..', 'java', 'dts-sdk', 'pom.xml');
const TOOL = join(HERE, '..', 'java', 'DtsSdkDecode.java');

/** One value as the SDK gives it (scripts/java/DtsSdkDecode.java). */
export interface SdkValue {
  /** The Avro union branch: DateTime, Character, BinaryObject ... */
  readonly branch: string | null;
  /** The SDK's ValueType. */
  readonly sdk: string;
  /** The SDK value's toString(). */
  readonly text: string;
  readonly hex?: string;
  readonly plain?: string;
}

export interface SdkRecord {
  readonly op?: string;
  readonly object?: string;
  readonly ddl?: string | null;
  readonly fields?: { readonly name: string; readonly type: number; readonly before: SdkValue | null; readonly after: SdkValue | null }[];
  /** The SDK's exception when it could not decode the record. */
  readonly error: string | null;
}

function sdkClasspath(): string {
  const root = join(stackPaths().root, 'dts-sdk');
  const lib = join(root, 'lib');
  const marker = join(lib, '.resolved');
  if (!existsSync(marker)) copyMavenJars(POM, lib, marker, 'dts-new-subscribe-sdk-', 'the DTS subscribe SDK');
  return `${join(lib, '*')}:${compileJava(TOOL, join(lib, '*'), join(root, 'classes'))}`;
}

/** Decodes each message body with the DTS subscribe SDK; one record per body, in order. */
export async function decodeWithDtsSdk(bodies: readonly Buffer[], timeoutMs = 120_000): Promise<SdkRecord[]> {
  // The SDK's DateTime reads the JVM's zone data through an internal class (Java 17 needs it exported).
  const args = ['-Xmx512m', '--add-exports', 'java.base/sun.util.calendar=ALL-UNNAMED', '-Duser.timezone=UTC', '-Dlog4j.defaultInitOverride=true', '-cp', sdkClasspath(), 'DtsSdkDecode'];
  const out = await runJava('DtsSdkDecode', args, timeoutMs, bodies.map((b) => b.toString('base64')).join('\n') + '\n');
  const records = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as SdkRecord);
  if (records.length !== bodies.length) throw new Error(`DtsSdkDecode printed ${records.length} records for ${bodies.length} bodies`);
  return records;
}
