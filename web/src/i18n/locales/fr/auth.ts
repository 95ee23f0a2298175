export const auth = {
  signInTitle: 'Connexion à Carnet',
  email: 'E-mail',
  password: 'Mot de passe',
  signIn: 'Se connecter',
  wrongCredentials: 'E-mail ou mot de passe incorrect.',
  tooManyAttempts: 'Trop de tentatives. Réessayez dans quelques minutes.',
  setupTitle: 'Créer le premier administrateur',
  setupIntro: 'Bienvenue ! Ce compte pourra ensuite inviter toute l’équipe.',
  name: 'Nom',
  passwordHint: 'Au moins 10 caractères, et pas un mot de passe courant.',
  createAdmin: 'Créer le compte administrateur',
  signOut: 'Se déconnecter',
};
