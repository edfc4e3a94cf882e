/**
 * A quick pre-check on a file's text before any tree work: a file that never spells an API's
 * name (or a setting's key, or a module) cannot use it, because aliases still spell the module in
 * their import. Every node access is a WebAssembly call, so most files should cost a pass nothing.
 *
 * Several passes ask the same list of the same file (the crypto rules' library list: four of
 * them), and different lists share words (`environ`), so the answers for the file in hand are
 * kept, per list and per word, until another file comes: each word is looked for once per file.
 */
export function mentionsAny(text: string, words: Iterable<string> & object): boolean {
  if (text !== lastText) {
    lastText = text;
    answers = new WeakMap();
    present = new Map();
  }
  let answer = answers.get(words);
  if (answer === undefined) {
    answer = false;
    for (const w of words) {
      let found = present.get(w);
      if (found === undefined) present.set(w, (found = text.includes(w)));
      if (found) {
        answer = true;
        break;
      }
    }
    answers.set(words, answer);
  }
  return answer;
}

let lastText: string | undefined;
let answers = new WeakMap<object, boolean>();
let present = new Map<string, boolean>();
