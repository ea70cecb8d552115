import { describe, expect, it } from 'vitest';
import { assertModelsLoaded, humanConfig, type HumanLike } from './detector.ts';
import { FaceError } from './errors.ts';

const human = (loaded: string[]) => ({ models: { loaded: () => loaded } }) as unknown as HumanLike;

describe('models Human must have loaded', () => {
  it('refuses to start when Human carried on without a model, naming it', () => {
    expect(() => assertModelsLoaded(human(['blazeface', 'facemesh', 'antispoof', 'liveness']), false)).not.toThrow();
    const err = (() => {
      try {
        assertModelsLoaded(human(['blazeface', 'facemesh']), false);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(FaceError);
    expect(err).toMatchObject({ code: 'model-corrupt', message: expect.stringMatching(/antispoof, liveness/) });
    expect(() => assertModelsLoaded(human(['blazeface', 'facemesh', 'antispoof', 'liveness']), true)).toThrow(/faceres/);
  });

  it('keeps no second model copy in IndexedDB (the service worker holds the files)', () => {
    expect(humanConfig({ modelBasePath: '/m/', wasmPath: '/m/', backend: 'wasm', faceres: false, minConfidence: 0.5, maxFaces: 10 }).cacheModels).toBe(false);
  });
});
