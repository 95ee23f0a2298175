// Japanese headers: Outlook (「勤務先電話」「電子メール アドレス」), Thunderbird (「勤務先電話番号」
// 「携帯電話番号」), Gmail (日本語). Such files are often in Shift_JIS (charset.ts detects it).
import type { HeaderTable } from './types.js';

// biome-ignore format: a table reads better than one name per line
export const JA: HeaderTable = {
  contacts: {
    first_name: ['名', '名前'],
    last_name: ['姓'],
    full_name: ['表示名', '氏名', 'フルネーム'],
    email: [
      '電子メール アドレス', 'メールアドレス', '電子メール', 'メール', '電子メール 2 アドレス',
      '電子メール 3 アドレス', '第 2 メールアドレス', '予備のメールアドレス',
    ],
    phone: [
      '携帯電話', '携帯電話番号', '勤務先電話', '勤務先電話番号', '電話', '電話番号', '自宅電話',
      '自宅電話番号', '勤務先電話 2', '自宅電話 2', 'その他の電話', '自動車電話', '会社代表電話',
      '勤務先ファックス', '自宅ファックス', 'FAX 番号', 'ファックス', 'ポケットベル', 'ポケットベル番号',
    ],
    company_name: ['会社名', '会社', '組織', '勤務先'],
    notes: ['メモ', '備考'],
    job_title: ['役職', '肩書き'],
    street: ['勤務先住所 番地', '自宅住所 番地', '勤務先住所', '自宅住所', '住所'],
    city: ['勤務先住所 市区町村', '自宅住所 市区町村', '勤務先の市区町村', '市区町村'],
    region: ['勤務先住所 都道府県', '自宅住所 都道府県', '勤務先の都道府県', '都道府県'],
    postal_code: ['勤務先住所 郵便番号', '自宅住所 郵便番号', '勤務先の郵便番号', '郵便番号'],
    country: ['勤務先住所 国/地域', '自宅住所 国/地域', '勤務先の国', '国/地域', '国'],
    birthday: ['誕生日', '生年月日'],
    tags: ['分類', 'ラベル'],
  },
  companies: {
    company_name: ['会社名', '会社'],
    industry: ['業種'],
    website: ['Web ページ', 'ウェブサイト'],
  },
};
