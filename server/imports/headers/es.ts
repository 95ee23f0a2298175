// Spanish headers: Outlook (« Teléfono del trabajo », « Dirección de correo electrónico »),
// Thunderbird, Gmail en español.
import type { HeaderTable } from './types.js';

// biome-ignore format: a table reads better than one name per line
export const ES: HeaderTable = {
  contacts: {
    first_name: ['Nombre'],
    last_name: ['Apellidos', 'Apellido'],
    full_name: ['Nombre completo', 'Nombre para mostrar'],
    email: [
      'Dirección de correo electrónico', 'Correo electrónico', 'Correo', 'Correo electrónico principal',
      'Dirección de correo electrónico 2', 'Dirección de correo electrónico 3',
      'Correo electrónico secundario',
    ],
    phone: [
      'Teléfono móvil', 'Móvil', 'Celular', 'Teléfono del trabajo', 'Teléfono de la oficina',
      'Teléfono', 'Teléfono particular', 'Teléfono de casa',
      'Teléfono del trabajo 2', 'Teléfono particular 2', 'Otro teléfono', 'Teléfono del automóvil',
      'Teléfono principal', 'Teléfono de la compañía', 'Fax del trabajo', 'Fax particular', 'Fax',
      'Localizador',
    ],
    company_name: ['Compañía', 'Organización', 'Empresa'],
    notes: ['Notas'],
    job_title: ['Puesto', 'Cargo', 'Título del puesto'],
    street: ['Calle del trabajo', 'Calle del domicilio', 'Dirección del trabajo', 'Dirección'],
    city: ['Ciudad de trabajo', 'Ciudad del domicilio', 'Ciudad'],
    region: ['Provincia o estado de trabajo', 'Provincia o estado del domicilio', 'Provincia'],
    postal_code: ['Código postal del trabajo', 'Código postal del domicilio', 'Código postal'],
    country: ['País o región del trabajo', 'País o región del domicilio', 'País'],
    birthday: ['Cumpleaños', 'Fecha de nacimiento'],
    tags: ['Categorías', 'Etiquetas'],
  },
  companies: {
    company_name: ['Compañía', 'Empresa', 'Nombre de la empresa'],
    industry: ['Sector', 'Industria'],
    website: ['Sitio web'],
  },
};
