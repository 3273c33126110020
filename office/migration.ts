// The shape of one PostgreSQL schema step of the office database.

/**
 * One frozen schema step: its own SQL, run in one transaction with the others still to apply. A
 * migration imports nothing but this type: what it does to a database must never change after it
 * has shipped (a change is a new numbered file).
 */
export interface OfficeMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
