// One analysed photo: a thumbnail with its face boxes, and "Accepted" or the reason it was refused.
import { t } from '../core/i18n.ts';
import { photoVerdict } from './photo-verdict.ts';
import type { PhotoResult } from './enrol.ts';
import { useObjectUrl } from './useObjectUrl.ts';

export function PhotoCard({ file, result }: { file: Blob; result: PhotoResult | undefined }) {
  const url = useObjectUrl(file);
  const verdict = photoVerdict(result);
  return (
    <li
      className={`photo-card ${result?.status ?? 'pending'}`}
      aria-label={t(
        { id: 'students.photo.label', defaultMessage: '{name}: {verdict}' },
        { name: result?.name ?? t({ id: 'students.photo.unnamed', defaultMessage: 'photo' }), verdict },
      )}
    >
      <div className="photo-frame">
        {url && <img src={url} alt="" />}
        {result &&
          result.width > 0 &&
          result.boxes.map(([x, y, w, h], i) => (
            <span
              key={i}
              className="face-box"
              style={{
                left: `${(x / result.width) * 100}%`,
                top: `${(y / result.height) * 100}%`,
                width: `${(w / result.width) * 100}%`,
                height: `${(h / result.height) * 100}%`,
              }}
            />
          ))}
      </div>
      <p className="photo-name">{result?.name}</p>
      <p className="photo-verdict">{verdict}</p>
    </li>
  );
}
