// Analyses photos as they are added (one at a time: the pipeline uses the whole CPU on wasm) and
// keeps each photo's result; the look-alike search reruns when the accepted faces change.
import { useCallback, useEffect, useRef, useState } from 'react';
import { services } from '../core/services.ts';
import { loadFaceEngine } from '../face/face-service.ts';
import { analysePhoto, findLookAlikes, type LookAlike, type PhotoResult } from './enrol.ts';

export interface PhotoItem {
  key: string;
  file: Blob;
  name: string;
  result?: PhotoResult;
}

export function usePhotoAnalysis(studentId: string | null) {
  const [items, setItems] = useState<PhotoItem[]>([]);
  const [lookAlikes, setLookAlikes] = useState<LookAlike[]>([]);
  const [engineError, setEngineError] = useState<string | null>(null);
  const queue = useRef(Promise.resolve());
  const counter = useRef(0);

  const add = useCallback((files: { file: Blob; name: string }[]) => {
    const added = files.map((f) => ({ key: `p${++counter.current}`, file: f.file, name: f.name }));
    setItems((prev) => [...prev, ...added]);
    for (const item of added) {
      queue.current = queue.current.then(async () => {
        try {
          const engine = await loadFaceEngine();
          const result = await analysePhoto(engine, item.file, item.name);
          setItems((prev) => prev.map((p) => (p.key === item.key ? { ...p, result } : p)));
        } catch (err) {
          setEngineError(err instanceof Error ? err.message : String(err));
        }
      });
    }
  }, []);

  const remove = useCallback((key: string) => setItems((prev) => prev.filter((p) => p.key !== key)), []);
  const clear = useCallback(() => setItems([]), []);

  const accepted = items.filter((i) => i.result?.status === 'accepted');
  const acceptedKey = accepted.map((a) => a.key).join(',');
  useEffect(() => {
    let alive = true;
    const vectors = accepted.map((a) => a.result!.vector!).filter(Boolean);
    if (vectors.length === 0) {
      setLookAlikes([]);
      return;
    }
    void services.gallery.get().then((g) => alive && setLookAlikes(findLookAlikes(g, vectors, studentId)));
    return () => {
      alive = false;
    };
    // The accepted set is identified by its keys; the vectors of a key never change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [acceptedKey, studentId]);

  const analysing = items.some((i) => !i.result) && !engineError;
  return { items, add, remove, clear, accepted, lookAlikes, analysing, engineError };
}
