// The subset of `terraform providers schema -json` (format_version 1.0) that the generator reads.

export type AttributeType = 'string' | 'number' | 'bool' | [collection: 'list' | 'set' | 'map', element: AttributeType];

export interface SchemaAttribute {
  type: AttributeType;
  description?: string;
  description_kind?: 'plain' | 'markdown';
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
}

export interface SchemaBlockType {
  nesting_mode: 'single' | 'list' | 'set';
  block: SchemaBlock;
  min_items?: number;
  max_items?: number;
}

export interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, SchemaBlockType>;
  description?: string;
  description_kind?: 'plain' | 'markdown';
}

export interface SchemaEntry {
  version: number;
  block: SchemaBlock;
}

export interface ProviderSchema {
  provider: SchemaEntry;
  resource_schemas: Record<string, SchemaEntry>;
}

export interface ProvidersSchemaJson {
  format_version: string;
  provider_schemas: Record<string, ProviderSchema>;
}
