/** MySQL identifier quoting, shared by the source reads, the filter renderer, the MySQL sink and verify. */

/** Backtick-quotes an identifier (MySQL rules: a backtick inside is doubled). */
export function quoteIdent(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

/** `db`.`table`, each part quoted. */
export function qualifiedName(database: string, table: string): string {
  return `${quoteIdent(database)}.${quoteIdent(table)}`;
}
