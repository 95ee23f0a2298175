// The API's errors in the user's language, by their stable codes (docs/api.md, "Errors"). The
// types make both languages cover every code the server can send.
import type {
  FieldErrorCode,
  ImportErrorCode,
  ProblemCode,
  ProblemType,
} from '../../../../../shared/errors.js';
import { FIELD_ERROR_TEXTS_FR } from '../../../../../shared/i18n/field-errors.fr.js';

export interface ErrorsLocale {
  /** a field's error, by `errors[].code`; `{{limit}}`, `{{allowed}}`, `{{fields}}` are formatted */
  field: Record<FieldErrorCode, string> & Record<string, string>;
  /** a problem's top-level `code` */
  problem: Record<ProblemCode, string>;
  /** a problem's `type`, when it has no code */
  type: Record<ProblemType, string>;
  /** an import job that failed as a whole, by its `error_code` */
  import: Record<ImportErrorCode, string>;
  /** field names that have no form label elsewhere */
  fields: Record<string, string>;
  fieldMessage: string;
  invalidFields: string;
  network: string;
}

export const errors: ErrorsLocale = {
  field: FIELD_ERROR_TEXTS_FR,
  problem: {
    sign_in_failed: 'E-mail ou mot de passe incorrect.',
    not_signed_in: 'Vous n’êtes plus connecté : reconnectez-vous.',
    invalid_token: 'Ce jeton d’API n’est pas valide, a été révoqué, ou son utilisateur est désactivé.',
    role_not_allowed: 'Votre rôle ne permet pas de faire cela.',
    not_owner:
      'Cette fiche appartient à un autre utilisateur : vous ne pouvez modifier que les vôtres et celles sans responsable.',
    own_records_only: 'Vous ne pouvez créer ou attribuer des fiches que pour vous-même.',
    cross_site: 'Requête refusée : elle ne semble pas venir de l’application. Rechargez la page.',
    last_admin: 'C’est le dernier administrateur actif : nommez d’abord quelqu’un d’autre administrateur.',
    last_open_stage:
      'Il faut garder au moins une étape « en cours » : les nouvelles opportunités y commencent.',
    setup_done: 'Un administrateur existe déjà : connectez-vous.',
    password_change_required: 'Choisissez d’abord votre propre mot de passe.',
    user_inactive: 'Cet utilisateur est désactivé : réactivez-le d’abord.',
    import_busy: 'Cet import est encore en cours : supprimez-le ou annulez-le une fois terminé.',
    import_not_undoable:
      'Cet import ne peut pas être annulé : c’était une vérification, ou il date d’avant l’annulation des imports.',
    import_already_undone: 'Cet import a déjà été annulé.',
    reference_gone: 'Une fiche liée vient d’être supprimée. Rechargez la page, puis recommencez.',
    upload_interrupted: 'Le fichier n’est pas arrivé en entier : envoyez-le à nouveau.',
    confirmation_required:
      'Confirmez la suppression : les valeurs que les fiches ont dans ce champ seront perdues.',
    conversion_failed:
      'Des valeurs enregistrées ne se convertissent pas dans le nouveau type : corrigez-les d’abord.',
    option_in_use: 'Des fiches ont cette option : choisissez-leur d’abord une autre option.',
  },
  type: {
    'validation-error': 'Certaines valeurs ne sont pas valides.',
    'malformed-json': 'La requête n’a pas pu être lue.',
    unauthorized: 'Vous n’êtes pas connecté.',
    forbidden: 'Vous n’avez pas le droit de faire cela.',
    'not-found': 'Cette fiche n’existe pas ou a été supprimée.',
    conflict: 'Cette modification n’est pas possible dans l’état actuel.',
    duplicate: 'Une fiche avec ces valeurs existe déjà.',
    'still-referenced': 'D’autres fiches y sont encore liées : rien n’a été supprimé.',
    'precondition-failed':
      'Quelqu’un a modifié cette fiche entre-temps. Rechargez-la pour voir ses changements, puis recommencez.',
    'payload-too-large': 'C’est trop volumineux pour le serveur (un fichier d’import : 100 Mio au plus).',
    'unsupported-media-type': 'Ce type de contenu n’est pas accepté : envoyez un fichier CSV ou vCard.',
    'method-not-allowed': 'Cette action n’est pas possible à cette adresse.',
    'uri-too-long': 'L’adresse de la requête est trop longue.',
    'headers-too-large': 'Les en-têtes de la requête sont trop volumineux.',
    'rate-limited': 'Trop de requêtes : patientez un instant, puis réessayez.',
    unavailable: 'Le serveur est momentanément indisponible. Réessayez dans quelques secondes.',
    internal: 'Erreur du serveur (elle a été enregistrée). Réessayez plus tard.',
  },
  import: {
    empty_file: 'Le fichier est vide.',
    not_text:
      'Ce n’est pas un fichier texte : envoyez un fichier CSV (enregistré en CSV, pas en classeur Excel) ou vCard.',
    vcard_not_contacts: 'Un fichier vCard contient des contacts : importez-le comme contacts.',
    no_header:
      'Aucune ligne d’en-tête reconnue : aucune des premières lignes ne nomme une colonne que Carnet connaît pour ce type de fiches.',
    mapping_unknown_columns: 'La correspondance des colonnes nomme des colonnes que le fichier n’a pas.',
    no_mapped_column:
      'Aucune colonne du fichier ne donne le nom (ou, pour un contact, le nom ou l’e-mail) : choisissez la colonne qui le contient.',
    line_too_long:
      'Une ligne du fichier contient plus de 1 Mio de texte (dans un CSV, souvent un guillemet jamais refermé) : corrigez le fichier ou exportez-le à nouveau.',
    too_many_columns:
      'Une ligne du fichier a plus de 1 000 colonnes remplies : ne gardez que les colonnes à importer.',
    too_many_rows:
      'Le fichier a plus de lignes qu’un import ne peut en contenir : découpez-le en plusieurs fichiers.',
    server_stopped:
      'Le serveur s’est arrêté pendant l’import : les lignes des lots terminés sont enregistrées. Importez le fichier à nouveau, les doublons seront ignorés.',
    database_unavailable:
      'La base de données était injoignable : les lignes des lots terminés sont enregistrées. Importez le fichier à nouveau.',
    unexpected:
      'L’import s’est arrêté sur une erreur inattendue (elle a été enregistrée) ; les lignes des lots terminés sont enregistrées.',
  },
  fields: {
    user_id: 'Utilisateur',
    position: 'Position',
    status: 'Statut',
    completed_at: 'Faite le',
    closed_at: 'Clôturée le',
    lost_reason: 'Motif de perte',
    label: 'Libellé',
    body: 'Contenu',
    file: 'Fichier',
    mapping: 'Correspondance des colonnes',
    sort: 'Tri',
    cursor: 'Page',
    q: 'Recherche',
    limit: 'Nombre par page',
  },
  fieldMessage: '{{label}} : {{message}}',
  invalidFields: 'Certaines valeurs ne sont pas valides.',
  network: 'Le serveur ne répond pas. Vérifiez votre connexion.',
};
