/**
 * Files of one name from several folders («A\Thong bao.docx», «B\Thong bao.docx») read alike by
 * name: the fewest parent folders that tell each from the others. Per name, a trie of the folders
 * read from the nearest up, each node counting the paths through it: a path's answer is the first
 * node on its way that only it reaches, so adding a path and asking for one cost its depth, not the
 * number of files of that name (an import can bring thousands of «Thong bao.docx»).
 */
import { baseName } from '../format';

interface Node {
  count: number;
  children: Map<string, Node>;
}

/** A path's folders, without its name: «C:\A\B\cv.txt» → «C:», «A», «B». */
export function pathFolders(p: string): string[] {
  return p
    .split(/[\\/]+/)
    .filter(Boolean)
    .slice(0, -1);
}

export class SameNameFolders {
  /** The trie is built once a second path of the name arrives: most names are their file's alone. */
  private readonly names = new Map<string, { paths: Set<string>; root: Node | null }>();

  add(path: string): void {
    const name = baseName(path);
    const group = this.names.get(name);
    if (!group) {
      this.names.set(name, { paths: new Set([path]), root: null });
      return;
    }
    // The same path twice tells nothing apart.
    if (group.paths.has(path)) return;
    group.paths.add(path);
    if (group.root) insert(group.root, path);
    else {
      group.root = { count: 0, children: new Map() };
      for (const p of group.paths) insert(group.root, p);
    }
  }

  /**
   * «…\B\» (the path's own separator; «…» when folders above are left out), the whole folder when
   * even that is shared, or '' when no other path added has its name.
   */
  folderOf(path: string): string {
    const group = this.names.get(baseName(path));
    if (!group?.root || !group.paths.has(path)) return '';
    const sep = path.includes('\\') ? '\\' : '/';
    const folders = pathFolders(path);
    let node: Node = group.root;
    for (let n = 1; n <= folders.length; n++) {
      node = node.children.get(folders[folders.length - n]!)!;
      if (node.count === 1) return (n < folders.length ? '…' + sep : '') + folders.slice(-n).join(sep) + sep;
    }
    return folders.length > 0 ? folders.join(sep) + sep : '';
  }
}

function insert(root: Node, path: string): void {
  let node = root;
  const folders = pathFolders(path);
  for (let i = folders.length - 1; i >= 0; i--) {
    let next = node.children.get(folders[i]!);
    if (!next) node.children.set(folders[i]!, (next = { count: 0, children: new Map() }));
    next.count++;
    node = next;
  }
}

/** The folders that tell `path` from the other paths of `sameName` (one call; a list uses the class). */
export function distinguishingFolder(path: string, sameName: Iterable<string>): string {
  const index = new SameNameFolders();
  index.add(path);
  for (const p of sameName) if (baseName(p) === baseName(path)) index.add(p);
  return index.folderOf(path);
}
