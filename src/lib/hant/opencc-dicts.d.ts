/**
 * OpenCC's dictionaries as opencc-js ships them: one string of "source replacement" pairs joined by "|".
 * The package's types cover its converters, not these files.
 */
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
