import { createHash } from 'node:crypto';
import { TerraformStack, TerraformVariable } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { SecretRef } from '../runtime/manifest/types.js';

/**
 * A password or key, given by reference only. The value is never read at synth: the runtime manifest
 * carries the reference (environment variable or file), and a Terraform resource that needs the value
 * gets a sensitive Terraform variable that is set at deploy time (`TF_VAR_<name>`).
 *
 * @example Secret.fromEnv('DTS_SOURCE_PASSWORD')
 */
export abstract class Secret {
  /** The value is read from this environment variable when the engine starts. */
  static fromEnv(variableName: string): Secret {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variableName)) {
      throw new Error(`Secret.fromEnv("${variableName}"): not a valid environment variable name; use letters, digits and _ (e.g. DTS_SOURCE_PASSWORD)`);
    }
    return new EnvSecret(variableName);
  }

  /** The value is the content of this file (trailing newline stripped) when the engine starts. */
  static fromFile(path: string): Secret {
    if (path.trim() === '') throw new Error('Secret.fromFile(""): give the path of the file that holds the secret');
    return new FileSecret(path);
  }

  /** What the runtime manifest stores. */
  abstract readonly ref: SecretRef;

  /** Name of the sensitive Terraform variable that carries this secret to resources. */
  abstract readonly terraformVariableName: string;

  /** A human description of where the value comes from. */
  abstract describe(): string;

  /**
   * A token for the value, for a Terraform argument. Creates (once per stack) a sensitive
   * TerraformVariable named {@link terraformVariableName}.
   */
  terraformValue(scope: IConstruct): string {
    const stack = TerraformStack.of(scope);
    const id = this.terraformVariableName;
    const existing = stack.node.tryFindChild(id);
    const variable =
      existing instanceof TerraformVariable
        ? existing
        : new TerraformVariable(stack, id, {
            type: 'string',
            sensitive: true,
            nullable: false,
            description: `${this.describe()}; set TF_VAR_${id} when running terraform/cdktf deploy`,
          });
    if (!(existing instanceof TerraformVariable)) variable.overrideLogicalId(id);
    return variable.stringValue;
  }

  /** Guard against string interpolation of a secret object. */
  toString(): string {
    return `<secret ${this.describe()}>`;
  }

  toJSON(): SecretRef {
    return this.ref;
  }
}

class EnvSecret extends Secret {
  readonly ref: SecretRef;
  readonly terraformVariableName: string;
  constructor(private readonly variableName: string) {
    super();
    this.ref = { fromEnv: variableName };
    this.terraformVariableName = variableName.toLowerCase();
  }
  describe(): string {
    return `environment variable ${this.variableName}`;
  }
}

class FileSecret extends Secret {
  readonly ref: SecretRef;
  readonly terraformVariableName: string;
  constructor(private readonly path: string) {
    super();
    this.ref = { fromFile: path };
    const base = path.split(/[\\/]/).pop()?.replace(/[^A-Za-z0-9_]/g, '_').toLowerCase() ?? 'secret';
    const digest = createHash('sha256').update(path).digest('hex').slice(0, 8);
    this.terraformVariableName = `secret_${base}_${digest}`;
  }
  describe(): string {
    return `file ${this.path}`;
  }
}
