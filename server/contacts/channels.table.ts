/** every email key of a contact, primary and extra: an address belongs to one contact (2026_12_07_0022) */
export interface ContactEmailsTable {
  email_key: string;
  contact_id: number;
}

/** every phone key (E.164) of a contact, primary and extra */
export interface ContactPhonesTable {
  contact_id: number;
  phone_key: string;
}
