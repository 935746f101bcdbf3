/**
 * JDBC java.sql.Types codes for MySQL column types, as Canal (LogEventConvert) and DTS write them in
 * the `sqlType` field: TEXT columns are CLOB, BLOB columns BLOB, YEAR is VARCHAR, SET is BIT.
 */
const JDBC: Readonly<Record<string, number>> = {
  bit: -7,
  bool: -6,
  boolean: -6,
  tinyint: -6,
  smallint: 5,
  mediumint: 4,
  int: 4,
  integer: 4,
  bigint: -5,
  float: 7,
  double: 8,
  real: 8,
  decimal: 3,
  numeric: 3,
  date: 91,
  time: 92,
  datetime: 93,
  timestamp: 93,
  year: 12,
  char: 1,
  varchar: 12,
  tinytext: 2005,
  text: 2005,
  mediumtext: 2005,
  longtext: 2005,
  binary: -2,
  varbinary: -3,
  tinyblob: 2004,
  blob: 2004,
  mediumblob: 2004,
  longblob: 2004,
  enum: 1,
  set: -7,
  json: 12,
  geometry: -2,
  point: -2,
  linestring: -2,
  polygon: -2,
  multipoint: -2,
  multilinestring: -2,
  multipolygon: -2,
  geometrycollection: -2,
  uuid: 1,
  inet4: 12,
  inet6: 12,
};

/** Base type name of a column type text: "bigint(20) unsigned" -> "bigint". */
export function baseType(mysqlType: string): string {
  const m = /^[a-z0-9]+/i.exec(mysqlType.trim());
  return (m ? m[0] : mysqlType).toLowerCase();
}

/** JDBC type code of a MySQL column type text; 1111 (OTHER) when unknown. */
export function jdbcTypeOf(mysqlType: string): number {
  return JDBC[baseType(mysqlType)] ?? 1111;
}

const EXACT_NUMBER = /^-?\d+(\.\d+)?$/;
const EXACT_NUMERIC_TYPES = /^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric)\b/i;

/**
 * True when a value carried as text (DECIMAL, BIGINT beyond 2^53) belongs in SQL as a numeric literal:
 * bound or quoted as a string, MySQL compares it with a DECIMAL column as DOUBLE, so beyond ~15
 * digits '12345678901234567890' also matches its neighbours.
 */
export function isExactNumericText(value: unknown, mysqlType: string | undefined): value is string {
  return typeof value === 'string' && mysqlType !== undefined && EXACT_NUMERIC_TYPES.test(mysqlType) && EXACT_NUMBER.test(value);
}
