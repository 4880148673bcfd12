/**
 * The photo field of the mailbox and of the query page's follow-up, with JavaScript: each photo
 * chosen is shrunk on the phone first (`shrinkPhoto`: re-encoded through a canvas, which also drops
 * its metadata; HEIC converted), shown as a small preview with a button to remove it, and kept in
 * the file input itself, so the form sends the shrunk photos whichever way it is sent (the
 * mailbox's script in the background, or the browser). Without this script the input is a plain one.
 * Bundled to site/public/scripts/mailbox-photos.js by `npm run build`.
 */
import { ShrinkError, shrinkPhoto } from './photo-shrink.ts';

interface Messages {
  remove: string;
  shrinking: string;
  tooMany: string;
  tooLarge: string;
  totalTooLarge: string;
  /** The phone's browser could not open the photo (HEIC on most browsers but Safari). */
  cannotRead: string;
  type: string;
}

const TAKEN = /^image\/(jpeg|png|webp|heic|heif)$/;
let pending: Promise<unknown> = Promise.resolve();

function setError(box: HTMLElement, input: HTMLInputElement, message: string | null): void {
  let line = box.querySelector<HTMLElement>(':scope > .field-error');
  if (!message) {
    line?.remove();
    input.removeAttribute('aria-invalid');
    return;
  }
  if (!line) {
    line = document.createElement('p');
    line.className = 'field-error';
    line.id = 'error-photos';
    box.appendChild(line);
  }
  line.textContent = message;
  input.setAttribute('aria-invalid', 'true');
}

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

function enhance(box: HTMLElement): void {
  const input = box.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input || typeof DataTransfer === 'undefined') return;
  const messages = JSON.parse(box.dataset.messages ?? '{}') as Messages;
  const maxCount = Number(box.dataset.maxCount);
  const maxBytes = Number(box.dataset.maxBytes);
  const maxTotal = Number(box.dataset.maxTotal);
  let kept: File[] = [];
  const list = document.createElement('ul');
  list.className = 'photo-previews';
  const status = document.createElement('p');
  status.className = 'hint';
  status.setAttribute('role', 'status');
  box.insertBefore(list, input.nextSibling);
  box.insertBefore(status, list);

  const sync = () => {
    const transfer = new DataTransfer();
    for (const file of kept) transfer.items.add(file);
    input.files = transfer.files;
  };
  const render = async () => {
    list.replaceChildren();
    for (const [i, file] of kept.entries()) {
      const item = document.createElement('li');
      const img = document.createElement('img');
      img.src = await readAsDataUrl(file);
      img.alt = '';
      img.width = 96;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'button';
      remove.textContent = messages.remove;
      remove.addEventListener('click', () => {
        kept = kept.filter((_, j) => j !== i);
        sync();
        setError(box, input, null);
        void render();
        input.focus();
      });
      item.append(img, remove);
      list.appendChild(item);
    }
  };

  input.addEventListener('change', () => {
    const chosen = [...(input.files ?? [])].filter((f) => !kept.includes(f));
    if (chosen.some((f) => f.type !== '' && !TAKEN.test(f.type))) {
      sync();
      return setError(box, input, messages.type);
    }
    if (kept.length + chosen.length > maxCount) {
      sync();
      return setError(box, input, messages.tooMany);
    }
    status.textContent = messages.shrinking;
    const done = Promise.all(chosen.map((f) => shrinkPhoto(f)))
      .then(async (blobs) => {
        const files = blobs.map((b, i) => (b instanceof File ? b : new File([b], `photo-${kept.length + i + 1}.jpg`, { type: b.type || 'image/jpeg' })));
        if (files.some((f) => f.size > maxBytes)) throw new Error(messages.tooLarge);
        if ([...kept, ...files].reduce((n, f) => n + f.size, 0) > maxTotal) throw new Error(messages.totalTooLarge);
        kept = [...kept, ...files];
        setError(box, input, null);
      })
      .catch((error: unknown) => setError(box, input, error instanceof ShrinkError ? messages.cannotRead : error instanceof Error && error.message ? error.message : messages.type))
      .finally(() => {
        sync();
        status.textContent = '';
        return render();
      });
    pending = pending.then(() => done);
  });
}

for (const box of document.querySelectorAll<HTMLElement>('[data-photos]')) enhance(box);

/** For the mailbox's script: resolves once every photo chosen so far is shrunk and in its input. */
(window as unknown as { QinglianPhotos: { ready: () => Promise<unknown> } }).QinglianPhotos = { ready: () => pending };
