// Portuguese headers (Brazil and Portugal): Outlook (« Telefone comercial », « Telemóvel »),
// Thunderbird, Gmail em português.
import type { HeaderTable } from './types.js';

// biome-ignore format: a table reads better than one name per line
export const PT: HeaderTable = {
  contacts: {
    first_name: ['Nome', 'Primeiro nome'],
    last_name: ['Sobrenome', 'Apelido', 'Último nome'],
    full_name: ['Nome completo', 'Nome de exibição'],
    email: [
      'Endereço de email', 'Endereço de e-mail', 'E-mail', 'Email principal', 'Endereço de email 2',
      'Endereço de email 3', 'Endereço de e-mail 2', 'Email secundário',
    ],
    phone: [
      'Telefone celular', 'Celular', 'Telemóvel', 'Telefone comercial', 'Telefone do trabalho',
      'Telefone', 'Telefone residencial', 'Telefone de casa', 'Telefone comercial 2',
      'Telefone residencial 2', 'Outro telefone', 'Telefone do carro', 'Telefone principal',
      'Telefone da empresa', 'Fax comercial', 'Fax residencial', 'Fax', 'Pager',
    ],
    company_name: ['Empresa', 'Organização'],
    notes: ['Anotações', 'Notas'],
    job_title: ['Cargo', 'Função'],
    street: ['Rua comercial', 'Rua residencial', 'Endereço comercial', 'Morada'],
    city: ['Cidade comercial', 'Cidade residencial', 'Cidade', 'Localidade'],
    region: ['Estado comercial', 'Estado residencial', 'Estado', 'Distrito'],
    postal_code: ['CEP comercial', 'CEP residencial', 'CEP', 'Código postal'],
    country: ['País/Região comercial', 'País/Região residencial', 'País'],
    birthday: ['Aniversário', 'Data de nascimento'],
    tags: ['Categorias', 'Marcadores'],
  },
  companies: {
    company_name: ['Empresa', 'Nome da empresa'],
    industry: ['Setor', 'Indústria'],
    website: ['Site', 'Página web'],
  },
};
