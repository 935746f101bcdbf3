import { Token } from 'cdktf';
import { TLS_DEFAULTS } from '../../runtime/manifest/defaults.js';
import type { MySqlEndpointSpec, TlsSpec } from '../../runtime/manifest/types.js';
import type { Secret } from '../secret.js';
import type { RdsInstance } from './rds-instance.js';

interface MySqlConnectionProps {
  /** Account the task connects with (source: REPLICATION CLIENT, REPLICATION SLAVE, SHOW VIEW, SELECT). */
  readonly user: string;
  /** The password, by reference only. */
  readonly password: Secret;
  /** @default 3306 */
  readonly port?: number;
  /**
   * Encryption in transit ("SSL-encrypted" in the DTS console). `true`: TLS verified against the
   * system's CAs. An object names the CA and what is verified; verification is on unless turned off
   * here. For RDS, name the CA bundle of the instance's region (see `MySqlEndpoint.rds`).
   * @default false (not encrypted)
   */
  readonly ssl?: boolean | MySqlTls;
}

/** TLS settings of a MySQL endpoint. */
export interface MySqlTls {
  /** The CA certificate (PEM) that signed the server's certificate, by reference: `Secret.fromFile('ca.pem')`. @default - the system's CAs */
  readonly ca?: Secret;
  /** Verify the server's certificate against the CA. @default true */
  readonly verifyCertificate?: boolean;
  /** Verify that the certificate names the host connected to. @default true */
  readonly verifyServerName?: boolean;
  /** Oldest TLS version accepted. @default 'TLSv1.2' */
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
}

export interface SelfManagedMySqlProps extends MySqlConnectionProps {
  readonly host: string;
}

export interface RdsMySqlProps extends MySqlConnectionProps {
  /** The RDS instance, created in this stack ... */
  readonly instance?: RdsInstance;
  /** ... or the id of an existing one. Give exactly one of `instance` and `instanceId`. */
  readonly instanceId?: string;
  /** Region of the instance (the managed DTS job needs it). @default - the provider's region */
  readonly region?: string;
  /**
   * Host the bundled engine connects to (connection string or IP). Required for bundled-engine tasks.
   * @default - the created instance's connection string (a Terraform token; fine for managed DTS only)
   */
  readonly host?: string;
}

/**
 * A MySQL database a task reads from or writes to. Not a construct: a value passed to `SyncTask`.
 */
export class MySqlEndpoint {
  /**
   * An ApsaraDB RDS for MySQL instance (binlog kept >= 3 days, 7 recommended).
   * TLS: turn on SSL for the instance (RDS console, Data Security > SSL), download the CA bundle of its
   * region from the same page, and pass `ssl: { ca: Secret.fromFile('ApsaraDB-CA-Chain.pem') }`; connect
   * with the instance's connection string as `host`, the name its certificate carries.
   */
  static rds(props: RdsMySqlProps): MySqlEndpoint {
    if ((props.instance === undefined) === (props.instanceId === undefined)) {
      throw new Error('MySqlEndpoint.rds: give exactly one of instance (an RdsInstance) or instanceId (an existing instance id)');
    }
    const instanceId = props.instance?.instanceId ?? props.instanceId;
    return new MySqlEndpoint('rds', props.host ?? props.instance?.connectionString ?? '', props, instanceId, props.region ?? props.instance?.region);
  }

  /** MySQL you run yourself (binlog_format=ROW, binlog_row_image=FULL, binlog kept >= 7 days). */
  static selfManaged(props: SelfManagedMySqlProps): MySqlEndpoint {
    return new MySqlEndpoint('self-managed', props.host, props);
  }

  readonly port: number;
  readonly user: string;
  readonly password: Secret;
  readonly ssl: boolean | MySqlTls;

  private constructor(
    readonly kind: 'rds' | 'self-managed',
    readonly host: string,
    props: MySqlConnectionProps,
    readonly instanceId?: string,
    readonly region?: string,
  ) {
    this.port = props.port ?? 3306;
    this.user = props.user;
    this.password = props.password;
    this.ssl = props.ssl ?? false;
  }

  /** host:port, used to tell endpoints apart (server ids, destination tables). */
  get address(): string {
    return Token.isUnresolved(this.host) || this.host === '' ? `rds:${this.instanceId ?? '?'}` : `${this.host}:${this.port}`;
  }

  /** Problems that stop a bundled-engine task from using this endpoint. */
  bundledProblems(role: string): string[] {
    const problems: string[] = [];
    if (this.host === '' || Token.isUnresolved(this.host)) {
      problems.push(`${role} endpoint has no literal host: the bundled engine needs one; set host: '<connection string or ip>'`);
    }
    if (!Number.isInteger(this.port) || this.port < 1 || this.port > 65535) problems.push(`${role} port ${this.port} is not a TCP port (1-65535)`);
    if (Token.isUnresolved(this.user) || this.user === '') problems.push(`${role} user must be a literal account name`);
    return problems;
  }

  toSpec(): MySqlEndpointSpec {
    const instanceId = this.instanceId !== undefined && !Token.isUnresolved(this.instanceId) ? this.instanceId : undefined;
    return {
      engine: 'mysql',
      kind: this.kind,
      host: this.host,
      port: this.port,
      user: this.user,
      password: this.password.ref,
      ssl: tlsSpec(this.ssl),
      ...(instanceId !== undefined ? { instanceId } : {}),
      ...(this.region !== undefined ? { region: this.region } : {}),
    };
  }
}

/** The manifest's `ssl`: the boolean shorthand as is, an object with every default written out. */
function tlsSpec(ssl: boolean | MySqlTls): boolean | TlsSpec {
  if (typeof ssl === 'boolean') return ssl;
  return { ...(ssl.ca ? { ca: ssl.ca.ref } : {}), ...TLS_DEFAULTS, ...withoutCa(ssl) };
}

function withoutCa(ssl: MySqlTls): Omit<TlsSpec, 'ca'> {
  const { ca: _ca, ...rest } = ssl;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}
