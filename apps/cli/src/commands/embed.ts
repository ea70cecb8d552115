// `rollcall embed <image...>`: one JSON line per image with its faces, the enrolment quality
// reasons and each face's embedding (base64 float32, as the API stores it).
import { encodeVector } from '@rollcall/contracts';
import { DEFAULT_GATES, isFaceError, photoReasons } from '@rollcall/face';
import { createNodeFaceEngine, decodeImageFile } from '@rollcall/face/node';
import { resolveUserPath, UsageError } from '../paths.ts';

const r2 = (x: number) => Math.round(x * 100) / 100;

export async function embedCommand(argv: string[]): Promise<void> {
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length === 0) throw new UsageError('usage: rollcall embed <image...>');
  const engine = await createNodeFaceEngine();
  let failed = 0;
  for (const file of files) {
    try {
      const result = await engine.analyze(await decodeImageFile(resolveUserPath(file)));
      const out = {
        file,
        ok: true,
        reasons: photoReasons(result.faces, DEFAULT_GATES),
        padded: result.padded,
        faces: result.faces.map((f) => ({
          box: f.box.map(Math.round),
          detectionScore: r2(f.detectionScore),
          pose: { yaw: r2(f.pose.yaw), pitch: r2(f.pose.pitch), roll: r2(f.pose.roll) },
          size: Math.round(f.size),
          sharpness: r2(f.sharpness),
          brightness: r2(f.brightness),
          antispoof: r2(f.antispoof),
          liveness: r2(f.liveness),
          embedding: { modelId: f.embedding.modelId, dim: f.embedding.vector.length, vector: encodeVector(f.embedding.vector) },
        })),
      };
      console.log(JSON.stringify(out));
    } catch (e) {
      if (!isFaceError(e)) throw e;
      failed++;
      console.log(JSON.stringify({ file, ok: false, error: { code: e.code, message: e.message } }));
    }
  }
  if (failed > 0) process.exitCode = 1;
}
