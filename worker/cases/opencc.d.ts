/** opencc-js ships no types for its dictionaries: each is one string of "from to|from to|…" entries. */
declare module 'opencc-js/dict/TSCharacters' {
  const dictionary: string;
  export default dictionary;
}
