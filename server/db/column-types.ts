import type { ColumnType, Generated } from 'kysely';

/** Drivers disagree: pg gives Date, mysql2 (dateStrings) 'YYYY-MM-DD HH:MM:SS.mmm', SQLite the ISO text we wrote. */
export type Timestamp = ColumnType<Date | string, string, string>;
/** DECIMAL(10,2): a string from pg and mysql2, a number from SQLite. Written as a decimal string. */
export type Money = ColumnType<string | number, string, string>;
export type Id = Generated<number>;
