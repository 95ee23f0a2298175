import type { Id, Timestamp } from '../db/column-types.js';

export interface SessionsTable {
  session_id: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  token_id: Id;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
}

export interface AppSettingsTable {
  name: string;
  value: string;
}

export interface AccountLinksTable {
  link_id: Id;
  user_id: number;
  /** 'invite' | 'reset' */
  purpose: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}
