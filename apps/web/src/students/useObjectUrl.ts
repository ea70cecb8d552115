// A blob shown as an <img>: its object URL, revoked when the blob changes or the component goes.
import { useEffect, useState } from 'react';

export function useObjectUrl(blob: Blob): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url;
}
