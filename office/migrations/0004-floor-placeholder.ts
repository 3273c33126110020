// LOCAL PLACEHOLDER (not to be committed): floor's 0004 goes here.
import type { OfficeMigration } from '../migration.ts';
export const floorPlaceholder: OfficeMigration = { version: 4, name: 'placeholder', sql: 'SELECT 1;' };
