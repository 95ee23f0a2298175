// A field's (or an import row's) error in French, by its stable code: the web app's messages and
// the reasons the server writes in errors.csv (one file a language, so the web app loads English
// only when it is chosen). `{{limit}}`, `{{allowed}}`, `{{fields}}` are filled in; a key ending
// in `_one` is the singular (i18next's plural rule).
import type { FieldErrorTexts } from './field-error-texts.js';

export const FIELD_ERROR_TEXTS_FR: FieldErrorTexts = {
  required: 'Ce champ est obligatoire.',
  required_one_of: 'Indiquez au moins l’un de ces champs : {{fields}}.',
  unknown_field: 'Ce champ n’est pas reconnu.',
  invalid_type: 'Cette valeur n’a pas le bon type.',
  too_short_one: 'Au moins {{limit}} caractère.',
  too_short: 'Au moins {{limit}} caractères.',
  too_long_one: 'Au plus {{limit}} caractère.',
  too_long: 'Au plus {{limit}} caractères.',
  too_small: 'La valeur minimale est {{limit}}.',
  too_large: 'La valeur maximale est {{limit}}.',
  too_few_one: 'Au moins {{limit}} élément.',
  too_few: 'Au moins {{limit}} éléments.',
  too_many_one: 'Au plus {{limit}} élément.',
  too_many: 'Au plus {{limit}} éléments.',
  invalid_choice: 'Cette valeur ne fait pas partie des choix possibles.',
  invalid_email: 'Cette adresse e-mail n’est pas valide.',
  invalid_date: 'Indiquez une date qui existe.',
  invalid_datetime: 'Indiquez une date et une heure valides.',
  invalid_amount: 'Un montant de 0 à {{limit}}, avec au plus 2 décimales.',
  invalid_format: 'Le format de cette valeur n’est pas valide.',
  invalid_json: 'Ce contenu n’est pas du JSON valide.',
  invalid_cursor: 'La liste a changé entre-temps : rechargez la page.',
  invalid_sort: 'Ce tri n’est pas possible.',
  unsupported: 'Ce paramètre n’est pas disponible ici.',
  unknown_stage: 'Étape inconnue. Étapes configurées : {{allowed}}.',
  no_open_stage: 'Aucune étape « en cours » n’est configurée pour y placer une nouvelle opportunité.',
  last_open_stage:
    'Il faut garder au moins une étape « en cours » : les nouvelles opportunités y commencent.',
  not_lost_stage: 'Un motif de perte ne peut être donné qu’à une affaire dans une étape « perdue ».',
  not_found: 'La fiche indiquée n’existe pas ou a été supprimée.',
  inactive_user: 'Cet utilisateur est désactivé : choisissez un utilisateur actif.',
  exclusive: 'Indiquez une seule de ces valeurs.',
  duplicate: 'Cette valeur est déjà utilisée par une autre fiche.',
  common_password: 'Ce mot de passe fait partie des plus courants : choisissez-en un autre.',
  contains_email: 'Le mot de passe ne doit pas contenir votre adresse e-mail.',
  too_repetitive: 'Ce mot de passe est trop répétitif : variez les caractères.',
  invalid_character:
    'Le mot de passe ne doit pas contenir de caractère invisible ou de contrôle (tabulation, retour à la ligne, espace sans largeur).',
  wrong_password: 'Le mot de passe actuel est incorrect.',
  invalid_link: 'Ce lien n’est plus valable (déjà utilisé, remplacé ou expiré) : demandez-en un nouveau.',
  unreadable: 'Cette ligne du fichier n’a pas pu être lue.',
  not_allowed: 'Vous n’avez pas le droit de modifier cette fiche.',
  not_a_phone: 'Ce n’est pas un numéro de téléphone.',
  invalid: 'Cette valeur n’est pas valide.',
};
