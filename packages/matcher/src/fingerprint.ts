// A short fingerprint of a gallery's membership (model + which embedding belongs to whom), so a
// cached index can be checked against the embeddings the app holds without comparing vectors.
// Embeddings are immutable server rows: a changed vector always comes with a new embedding id.

export function galleryFingerprint(modelId: string, pairs: Iterable<readonly [studentId: string, embeddingId: string]>): string {
  const keys: string[] = [];
  for (const [studentId, embeddingId] of pairs) keys.push(`${embeddingId}\u0001${studentId}`);
  keys.sort();
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ keys.length;
  const feed = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
  };
  feed(modelId);
  for (const k of keys) feed(`\u0000${k}`);
  return `${keys.length}-${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}
