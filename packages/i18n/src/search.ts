// Finding a person by name the way their language reads it: case and accents do not matter
// ("lukasz" finds "Łukasz", "zoe" finds "Zoë"), but letters the language holds distinct do
// (Spanish keeps "ñ" apart from "n"). Intl.Collator has no substring search, so the query is
// compared with each stretch of the name of about its length.

/** Whether every word of `query` occurs in `name`, compared by `language`'s search rules. */
export function nameMatcher(language: string): (name: string, query: string) => boolean {
  const collator = new Intl.Collator(language, { usage: 'search', sensitivity: 'base', ignorePunctuation: false });
  const occurs = (name: string, word: string): boolean => {
    // A stretch may be one shorter or longer than the word: "ß" stands for "ss", "æ" for "ae".
    for (let start = 0; start < name.length; start++) {
      for (let end = Math.max(start + 1, start + word.length - 1); end <= Math.min(name.length, start + word.length + 1); end++) {
        if (collator.compare(name.slice(start, end), word) === 0) return true;
      }
    }
    return false;
  };
  return (name, query) => {
    const words = query.trim().split(/\s+/).filter(Boolean);
    const text = name.normalize('NFC');
    return words.every((w) => occurs(text, w.normalize('NFC')));
  };
}
