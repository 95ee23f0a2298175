// Filled by the contacts feature (web/src/contacts/).
export const contacts = {
  title: 'Contacts',
};
