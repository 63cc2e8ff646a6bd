import { describe, expect, it } from 'vitest';
import { deleteDataFile, forgetAllData, listDataFiles, NotebookError, saveDataFile, type DirectoryLike, type FileHandleLike } from '../../../src/lib/notebook';

/** An in-memory stand-in for an OPFS directory: the members fileStore uses, with OPFS's errors. */
class MemoryDir implements DirectoryLike {
  readonly dirs = new Map<string, MemoryDir>();
  readonly files = new Map<string, { bytes: Uint8Array; lastModified: number }>();
  failWrites = false;

  async getDirectoryHandle(name: string, options: { create?: boolean } = {}): Promise<DirectoryLike> {
    let dir = this.dirs.get(name);
    if (!dir) {
      if (!options.create) throw new DOMException(`${name} not found`, 'NotFoundError');
      dir = new MemoryDir();
      dir.failWrites = this.failWrites;
      this.dirs.set(name, dir);
    }
    return dir;
  }

  async getFileHandle(name: string, options: { create?: boolean } = {}): Promise<FileHandleLike> {
    if (!this.files.has(name)) {
      if (!options.create) throw new DOMException(`${name} not found`, 'NotFoundError');
      this.files.set(name, { bytes: new Uint8Array(0), lastModified: Date.now() });
    }
    return {
      getFile: async () => {
        const f = this.files.get(name);
        if (!f) throw new DOMException(`${name} not found`, 'NotFoundError');
        return new File([f.bytes.slice()], name, { lastModified: f.lastModified });
      },
      createWritable: async () => {
        // Like OPFS: writes go to a swap copy, committed on close, discarded on abort.
        const chunks: Uint8Array[] = [];
        return new WritableStream<Uint8Array>({
          write: (chunk) => {
            if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
            chunks.push(chunk);
          },
          close: () => {
            this.files.set(name, { bytes: new Uint8Array(Buffer.concat(chunks)), lastModified: Date.now() });
          },
        });
      },
    };
  }

  async removeEntry(name: string, options: { recursive?: boolean } = {}): Promise<void> {
    const dir = this.dirs.get(name);
    if (dir && !options.recursive && (dir.dirs.size > 0 || dir.files.size > 0)) throw new DOMException('not empty', 'InvalidModificationError');
    if (!this.dirs.delete(name) && !this.files.delete(name)) throw new DOMException(`${name} not found`, 'NotFoundError');
  }

  async *keys(): AsyncIterable<string> {
    yield* this.dirs.keys();
    yield* this.files.keys();
  }
}

const csv = (name: string, text: string, lastModified: number): File => new File([text], name, { type: 'text/csv', lastModified });

describe('kept data files (OPFS)', () => {
  it('keeps files streamed, and lists them back with name, size, type and lastModified', async () => {
    const root = new MemoryDir();
    expect(await listDataFiles(root)).toEqual([]);
    await saveDataFile(csv('orders.csv', 'id,amount\n1,10\n', 1_700_000_000_000), root);
    await saveDataFile(csv('customers.csv', 'id\n1\n', 1_600_000_000_000), root);
    const files = await listDataFiles(root);
    expect(files.map((f) => [f.name, f.size, f.lastModified, f.type])).toEqual([
      ['customers.csv', 5, 1_600_000_000_000, 'text/csv'],
      ['orders.csv', 15, 1_700_000_000_000, 'text/csv'],
    ]);
    expect(await files[1].text()).toBe('id,amount\n1,10\n');
  });

  it('replaces a file of the same name, and keeps saves made together apart', async () => {
    const root = new MemoryDir();
    await Promise.all([saveDataFile(csv('a.csv', 'old', 1), root), saveDataFile(csv('b.csv', 'b', 2), root)]);
    await saveDataFile(csv('a.csv', 'newer', 3), root);
    const files = await listDataFiles(root);
    expect(files.map((f) => [f.name, f.size, f.lastModified])).toEqual([
      ['a.csv', 5, 3],
      ['b.csv', 1, 2],
    ]);
  });

  it('forgets one file, or all of them', async () => {
    const root = new MemoryDir();
    await saveDataFile(csv('a.csv', 'a', 1), root);
    await saveDataFile(csv('b.csv', 'b', 2), root);
    await deleteDataFile('a.csv', root);
    expect((await listDataFiles(root)).map((f) => f.name)).toEqual(['b.csv']);
    await forgetAllData(root);
    expect(await listDataFiles(root)).toEqual([]);
    expect(root.dirs.size).toBe(0);
    await forgetAllData(root);
  });

  it('says plainly when the browser has no room, and keeps no partial file', async () => {
    const root = new MemoryDir();
    root.failWrites = true;
    const e: unknown = await saveDataFile(csv('big.csv', 'x'.repeat(100), 1), root).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NotebookError);
    expect((e as NotebookError).message).toBe('There is not enough space in this browser to keep big.csv.');
    expect(await listDataFiles(root)).toEqual([]);
  });
});
