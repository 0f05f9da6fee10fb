// Read-only file handles kept open by path for many small reads (the factors of every module of an adapter
// come from one or a few files), closed together at the end.
import { type FileHandle, open } from 'node:fs/promises';

export class FileHandles {
  private readonly handles = new Map<string, Promise<FileHandle>>();
  private closed = false;

  /** The open handle for `path`; rejects once closeAll has run (nothing is opened to be left open). */
  get(path: string): Promise<FileHandle> {
    if (this.closed) return Promise.reject(new Error(`${path}: read after the run's files were closed`));
    let handle = this.handles.get(path);
    if (!handle) {
      handle = open(path, 'r');
      handle.catch(() => this.handles.delete(path));
      this.handles.set(path, handle);
    }
    return handle;
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    const handles = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(handles.map((h) => h.then((handle) => handle.close()).catch(() => {})));
  }
}
