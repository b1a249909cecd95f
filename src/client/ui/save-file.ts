/** A file made or downloaded in the browser, and the name to save it under. */
export interface SavedFile {
  blob: Blob;
  name: string;
}

/** Hands a file to the browser to save under its name. */
export function saveFile(file: SavedFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
