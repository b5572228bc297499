/** The most files read from a dropped folder (a model folder holds at most six). */
const MAX_DROPPED_FILES = 32;

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/**
 * The files of a drop: dropped files as they are, and the files directly inside a dropped
 * folder (read with `webkitGetAsEntry`; subfolders are skipped). At most 32 files.
 */
export async function droppedFiles(transfer: DataTransfer): Promise<File[]> {
  const entries = Array.from(transfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry());
  if (entries.every((entry) => entry === null)) return Array.from(transfer.files);
  const files: File[] = [];
  for (const entry of entries) {
    if (entry === null) continue;
    if (entry.isFile) {
      files.push(await fileOf(entry as FileSystemFileEntry));
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await readEntries(reader);
        if (batch.length === 0) break;
        for (const child of batch) {
          if (child.isFile && files.length < MAX_DROPPED_FILES) {
            files.push(await fileOf(child as FileSystemFileEntry));
          }
        }
        if (files.length >= MAX_DROPPED_FILES) break;
      }
    }
    if (files.length >= MAX_DROPPED_FILES) break;
  }
  return files;
}
