import { useEffect, useState } from 'preact/hooks';

/** A poster; a missing or broken image becomes a neutral placeholder with the same text. */
export function Poster({ src, alt }: { src: string | null | undefined; alt: string }) {
  const [broken, setBroken] = useState(!src);
  useEffect(() => setBroken(!src), [src]);
  return broken
    ? <div class="poster placeholder" role="img" aria-label={alt}><span aria-hidden="true">포스터 준비 중</span></div>
    : <img class="poster" src={src!} alt={alt} loading="lazy" onError={() => setBroken(true)} />;
}
