// A product picture from a safe URL, or a neutral placeholder.
import { useState } from 'react';
import { safeUrl } from '../format.ts';

export function ProductImage({ src, alt, className }: { src: string | null | undefined; alt: string; className?: string }) {
  const [failed, setFailed] = useState(false);
  const url = src ? safeUrl(src) : null;
  if (!url || failed) {
    return <div className={`image-placeholder ${className ?? ''}`} role="img" aria-label={alt}>{alt.slice(0, 1).toUpperCase()}</div>;
  }
  return <img className={className} src={url} alt={alt} loading="lazy" onError={() => setFailed(true)} />;
}
