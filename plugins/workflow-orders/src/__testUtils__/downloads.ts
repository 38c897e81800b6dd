/** A file the browser was asked to save: its name and content. */
export interface SavedFile {
  name: string;
  content: Blob;
}

/**
 * Records, for each test of the file, the files the page asks the browser to save through an object
 * URL and a link's click, instead of jsdom's missing object URLs and navigation.
 */
export function recordDownloads(): SavedFile[] {
  const saved: SavedFile[] = [];
  const blobs = new Map<string, Blob>();
  let made = 0;
  beforeEach(() => {
    saved.length = 0;
    URL.createObjectURL = jest.fn((blob: Blob) => {
      const url = `blob:test/${++made}`;
      blobs.set(url, blob);
      return url;
    });
    URL.revokeObjectURL = jest.fn();
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function save(this: HTMLAnchorElement) {
        saved.push({ name: this.download, content: blobs.get(this.href)! });
      });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  return saved;
}
