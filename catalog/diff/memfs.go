package diff

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"slices"
	"time"
)

// memFS is a read-only file system in memory: the files of a git
// revision. Directories are implied by the files.
type memFS struct {
	files map[string]*memFile
	dirs  map[string][]string // directory → the names of its entries, sorted on first use
}

type memFile struct {
	name string
	size int64 // as stored in git; data may be cut shorter (maxBlobBytes)
	data []byte
}

func newMemFS() *memFS {
	return &memFS{files: map[string]*memFile{}, dirs: map[string][]string{".": nil}}
}

// add stores a file, and the directories that hold it.
func (m *memFS) add(name string, size int64, data []byte) {
	m.files[name] = &memFile{name: name, size: size, data: data}
	for child := name; ; {
		dir := path.Dir(child)
		_, known := m.dirs[dir]
		m.dirs[dir] = append(m.dirs[dir], path.Base(child))
		if known {
			return // it is listed in its own directory already; "." always is
		}
		child = dir
	}
}

// has reports whether a file or directory exists.
func (m *memFS) has(name string) bool {
	_, isFile := m.files[name]
	_, isDir := m.dirs[name]
	return isFile || isDir
}

// Open implements fs.FS.
func (m *memFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if f, ok := m.files[name]; ok {
		return &openFile{info: fileInfo{name: path.Base(name), size: f.size}, r: bytes.NewReader(f.data)}, nil
	}
	if _, ok := m.dirs[name]; ok {
		return &openDir{m: m, name: name}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// entries returns a directory's entries, sorted by name, each once.
func (m *memFS) entries(dir string) []fs.DirEntry {
	names := slices.Compact(slices.Sorted(slices.Values(m.dirs[dir])))
	out := make([]fs.DirEntry, 0, len(names))
	for _, n := range names {
		full := path.Join(dir, n)
		if f, ok := m.files[full]; ok {
			out = append(out, fs.FileInfoToDirEntry(fileInfo{name: n, size: f.size}))
		} else {
			out = append(out, fs.FileInfoToDirEntry(fileInfo{name: n, dir: true}))
		}
	}
	return out
}

type fileInfo struct {
	name string
	size int64
	dir  bool
}

func (fi fileInfo) Name() string { return fi.name }
func (fi fileInfo) Size() int64  { return fi.size }
func (fi fileInfo) Mode() fs.FileMode {
	if fi.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (fi fileInfo) ModTime() time.Time { return time.Time{} }
func (fi fileInfo) IsDir() bool        { return fi.dir }
func (fi fileInfo) Sys() any           { return nil }

type openFile struct {
	info fileInfo
	r    *bytes.Reader
}

func (f *openFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *openFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *openFile) Close() error               { return nil }

type openDir struct {
	m    *memFS
	name string
	left []fs.DirEntry
	read bool
}

func (d *openDir) Stat() (fs.FileInfo, error) {
	return fileInfo{name: path.Base(d.name), dir: true}, nil
}

func (d *openDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: fs.ErrInvalid}
}

func (d *openDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *openDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		d.left, d.read = d.m.entries(d.name), true
	}
	if n <= 0 {
		out := d.left
		d.left = nil
		return out, nil
	}
	if len(d.left) == 0 {
		return nil, io.EOF
	}
	k := min(n, len(d.left))
	out := d.left[:k]
	d.left = d.left[k:]
	return out, nil
}
