import type { auth as fr } from '../fr/auth.js';

export const auth: Record<keyof typeof fr, string> = {
  signInTitle: 'Sign in to Carnet',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  wrongCredentials: 'Wrong email or password.',
  tooManyAttempts: 'Too many attempts. Try again in a few minutes.',
  setupTitle: 'Create the first administrator',
  setupIntro: 'Welcome! This account can then invite the whole team.',
  name: 'Name',
  passwordHint: 'At least 10 characters, and not a common password.',
  createAdmin: 'Create the administrator account',
  emailRequired: 'Enter your email.',
  passwordRequired: 'Enter your password.',
  signOut: 'Sign out',
};
