// French headers: Outlook (« Téléphone (bureau) », « Adresse de messagerie »), Thunderbird, Gmail en
// français, Excel saved as "CSV (séparateur : point-virgule)", and Carnet's own readable export.
import type { HeaderTable } from './types.js';

// biome-ignore format: a table reads better than one name per line
export const FR: HeaderTable = {
  contacts: {
    first_name: ['prenom', 'prenoms'],
    last_name: ['nom', 'nom de famille'],
    full_name: ['nom complet', 'nom et prenom', 'prenom et nom', 'Nom à afficher'],
    email: [
      'courriel', 'adresse e mail', 'adresse email', 'adresse de messagerie', 'adresse mail',
      'adresse de messagerie 2', 'adresse de messagerie 3', 'autre adresse e mail',
      'Première adresse électronique', 'Adresse électronique secondaire', 'Adresse e-mail 2',
    ],
    phone: [
      'telephone', 'portable', 'telephone mobile', 'numero de telephone', 'telephone bureau',
      'telephone travail', 'telephone domicile',
      // the others a contact has besides its first (they become its extra phones, labelled)
      'tel mobile', 'Téléphone 2 (bureau)', 'Téléphone 2 (domicile)', 'Autre téléphone',
      'Téléphone principal', 'Téléphone (société)', 'Téléphone (voiture)', 'Télécopie (bureau)',
      'Télécopie (domicile)', 'Radiomessagerie', 'telephone mobile 2', 'Tél. professionnel',
      'Tél. personnel', 'Fax', 'Numéro de fax', 'Pager', 'Portable 2',
    ],
    company_name: ['societe', 'entreprise', 'nom de l entreprise', 'Organisation'],
    notes: ['remarques', 'commentaires', 'commentaire', 'Notes'],
    // not Outlook's « Titre »: the honorific (M., Mme)
    job_title: ['Fonction', 'Poste'],
    street: ['Adresse (bureau)', 'Rue (domicile)', 'Adresse professionnelle'],
    city: ['Ville (domicile)', 'Ville professionnelle'],
    region: ['Dép/Région (domicile)', 'Région (bureau)'],
    postal_code: ['Code postal (domicile)', 'Code postal professionnel'],
    country: ['Pays/Région (domicile)', 'Pays professionnel'],
    birthday: ['Anniversaire', 'Date de naissance'],
    tags: ['Catégories', 'Libellés'],
  },
  companies: {
    company_name: ['raison sociale', 'nom de l entreprise', 'societe', 'entreprise', 'nom'],
    industry: ['secteur', 'secteur d activite', 'activite'],
    website: ['site web', 'site internet'],
  },
  opportunities: {
    opportunity_name: ['nom de l opportunite', 'opportunite', 'affaire', 'nom de l affaire', 'nom'],
    deal_value: ['montant', 'valeur', 'montant ht'],
    stage: ['etape', 'etape de vente', 'statut'],
    expected_close_date: ['date de cloture', 'date de cloture prevue', 'cloture prevue'],
    company_name: ['societe', 'entreprise'],
    contact_email: ['courriel', 'email du contact', 'e mail du contact'],
  },
};
