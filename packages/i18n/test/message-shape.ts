// What a translation must keep from its English: the argument names with their kinds, and the rich
// text tags. Plural and select branches may differ by language (Arabic has six plural forms).
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

export type Shape = { args: string[]; tags: string[] };

const KIND: Partial<Record<TYPE, string>> = {
  [TYPE.argument]: 'text',
  [TYPE.number]: 'number',
  [TYPE.date]: 'date',
  [TYPE.time]: 'time',
  [TYPE.select]: 'select',
  [TYPE.plural]: 'plural',
};

/** The message's arguments ("count:plural") and tags, sorted; or why it does not parse. */
export function messageShape(message: string, _language: string): Shape | string {
  let ast: MessageFormatElement[];
  try {
    ast = parse(message);
  } catch (err) {
    return `does not parse: ${err instanceof Error ? err.message : String(err)}`;
  }
  const args = new Set<string>();
  const tags = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      const kind = KIND[el.type];
      if (kind && 'value' in el) args.add(`${el.value}:${kind}`);
      if (el.type === TYPE.tag) {
        tags.add(el.value);
        walk(el.children);
      }
      if (el.type === TYPE.select || el.type === TYPE.plural) for (const option of Object.values(el.options)) walk(option.value);
    }
  };
  walk(ast);
  return { args: [...args].sort(), tags: [...tags].sort() };
}
