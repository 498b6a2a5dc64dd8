// A product's pictures: the main one magnified under the pointer, the others as thumbnails, and a
// full-size view (a modal dialog) on click or tap.
import { useRef, useState, type MouseEvent } from 'react';
import type { Product } from '../../api/types.ts';
import { ProductImage } from '../../components/ProductImage.tsx';

export function ProductGallery({ product }: { product: Product }) {
  const [shown, setShown] = useState(0);
  const [lens, setLens] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const images = product.images.length ? product.images : [null];
  const current = images[shown] ?? images[0];
  // The point under the pointer stays put while the picture is twice its size (the style goes through the CSSOM, as CSP wants).
  const follow = (event: MouseEvent<HTMLButtonElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    setLens(`${((event.clientX - box.left) / box.width) * 100}% ${((event.clientY - box.top) / box.height) * 100}%`);
  };
  return (
    <div className="gallery">
      <button type="button" className={`gallery-zoom${lens ? ' zoomed' : ''}`} onClick={() => dialog.current?.showModal()}
        onMouseMove={follow} onMouseLeave={() => setLens(null)} aria-label={`Zoom in on ${product.name}`} data-testid="gallery-zoom">
        <span className="gallery-lens" style={lens ? { transformOrigin: lens } : undefined}>
          <ProductImage className="gallery-main" src={current} alt={product.name} />
        </span>
      </button>
      {images.length > 1 ? (
        <div className="gallery-thumbs">
          {images.map((src, index) => (
            <button key={`${src}-${index}`} type="button" className={index === shown ? 'active' : ''} onClick={() => setShown(index)}
              aria-label={`Show picture ${index + 1} of ${images.length}`} aria-pressed={index === shown}>
              <ProductImage src={src} alt="" />
            </button>
          ))}
        </div>
      ) : null}
      <dialog ref={dialog} className="zoom-dialog" aria-label={`${product.name}, full size`} onClick={(e) => e.target === e.currentTarget && dialog.current?.close()}>
        <ProductImage className="zoom-image" src={current} alt={product.name} />
        <form method="dialog"><button type="submit" className="secondary">Close</button></form>
      </dialog>
    </div>
  );
}
