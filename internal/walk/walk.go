// Package walk walks a directory tree of an fs.FS for a loader, the way
// opsdesign reads designs: it follows symbolic links to files and to
// directories, reads each real file once, and reports everything it meets
// and does not read, so that nothing is skipped without a word.
//
// It reports, as a Finding:
//   - a FIFO, device or socket with a name the loader would read: never
//     opened, since a FIFO without a writer blocks forever and a device
//     may never end (NotRegular);
//   - a symbolic link whose target is missing (BrokenLink);
//   - a symbolic link to a directory that holds it, which would lead
//     round for ever: the directory is read once (Loop);
//   - a second path to a file or directory already read, through a link
//     or a hard link: it is read once (Duplicate).
//
// A file or directory is told the same as another by the device and inode
// numbers the operating system gives (on Unix). A file system without
// them (an embed.FS, an fstest.MapFS) has no links to follow; on one that
// has links but no numbers, a chain of more than MaxLinkDepth links to
// directories is reported as a Loop.
package walk

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
)

// MaxLinkDepth bounds the links to directories followed one inside the
// other when the file system cannot tell a directory from another, as
// the operating system bounds the links in one path (ELOOP).
const MaxLinkDepth = 32

// Kind is what a Finding reports.
type Kind uint8

const (
	// NotRegular: a FIFO, device or socket the walk would read by its
	// name. It is not opened.
	NotRegular Kind = iota + 1
	// BrokenLink: a symbolic link whose target cannot be reached.
	BrokenLink
	// Loop: a symbolic link to a directory that holds it. It is not
	// followed; the directory is read once.
	Loop
	// Duplicate: a path to a file or directory already read through
	// another path. It is not read again.
	Duplicate
)

func (k Kind) String() string {
	switch k {
	case NotRegular:
		return "not regular"
	case BrokenLink:
		return "broken link"
	case Loop:
		return "loop"
	case Duplicate:
		return "duplicate"
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Finding is something the walk met and did not read.
type Finding struct {
	Kind Kind
	// Path is where the walk met it, as fs.FS paths are written.
	Path string
	// First is, for a Loop, the directory the link leads back to, and for
	// a Duplicate the path it was read through.
	First string
	// Mode is the type of what the path leads to (NotRegular).
	Mode fs.FileMode
	// Err is why a BrokenLink cannot be followed.
	Err error
}

// Message says what the finding is, for a diagnostic.
func (f Finding) Message() string {
	switch f.Kind {
	case NotRegular:
		return fmt.Sprintf("%s is %s, not a regular file: it is not opened (name it explicitly to read it under the byte limit)", f.Path, describe(f.Mode))
	case BrokenLink:
		return fmt.Sprintf("%s is a symbolic link that leads nowhere (%v): whatever it was meant to bring is not read", f.Path, f.Err)
	case Loop:
		return fmt.Sprintf("%s is a symbolic link to %s, which holds it: it is not followed, and %s is read once", f.Path, f.First, f.First)
	case Duplicate:
		return fmt.Sprintf("%s is the same as %s, already read: it is read once", f.Path, f.First)
	}
	return f.Path
}

func describe(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return "not a regular file (" + m.Type().String() + ")"
}

// Options say what a walk reads.
type Options struct {
	// Skip reports whether an entry below the root is left out, with all
	// it holds (the design loader skips hidden entries). Nil skips none.
	Skip func(name string) bool
	// Wants reports whether a file is read, by its path (the design
	// loader reads .yaml, .yml and .json files). Files it does not want
	// are passed over whatever they are. Nil wants every file.
	Wants func(path string) bool
}

// Walk walks the directory root of fsys in lexical order and calls read
// for each regular file it wants, once per real file, with the path it
// was met at and the information of the file that path leads to. It
// follows symbolic links to files and directories, and returns what it
// met and did not read. The error joins those of directories that could
// not be read; the rest of the tree is still walked.
func Walk(fsys fs.FS, root string, o Options, read func(name string, info fs.FileInfo)) ([]Finding, error) {
	w := &walker{fsys: fsys, o: o, read: read, seen: map[identity]string{}}
	info, err := fs.Stat(fsys, root)
	if err != nil {
		return nil, err
	}
	w.dir(root, info, nil, 0)
	return w.found, errors.Join(w.errs...)
}

type walker struct {
	fsys  fs.FS
	o     Options
	read  func(string, fs.FileInfo)
	seen  map[identity]string // what was read, by identity: the path it was read at
	found []Finding
	errs  []error
}

// ancestor is a directory on the path from the root to the one walked.
type ancestor struct {
	name string
	id   identity
	ok   bool
}

// dir walks the directory name, whose information is info; chain holds
// the directories above it, links the links to directories followed to
// reach it.
func (w *walker) dir(name string, info fs.FileInfo, chain []ancestor, links int) {
	id, ok := identify(info)
	if ok {
		if first, dup := w.seen[id]; dup {
			w.found = append(w.found, Finding{Kind: Duplicate, Path: name, First: first})
			return
		}
		w.seen[id] = name
	}
	chain = append(chain, ancestor{name: name, id: id, ok: ok})
	entries, err := fs.ReadDir(w.fsys, name)
	if err != nil {
		w.errs = append(w.errs, err)
	}
	for _, e := range entries {
		if w.o.Skip != nil && w.o.Skip(e.Name()) {
			continue
		}
		p := path.Join(name, e.Name())
		switch t := e.Type(); {
		case t.IsDir():
			fi, err := e.Info()
			if err != nil {
				w.errs = append(w.errs, err)
				continue
			}
			w.dir(p, fi, chain, links)
		case t&fs.ModeSymlink != 0:
			w.link(p, chain, links)
		default:
			w.file(p, t, nil)
		}
	}
}

// link follows the symbolic link name.
func (w *walker) link(name string, chain []ancestor, links int) {
	fi, err := fs.Stat(w.fsys, name) // follows the link
	if err != nil {
		w.found = append(w.found, Finding{Kind: BrokenLink, Path: name, Err: unwrapPath(err)})
		return
	}
	if !fi.IsDir() {
		w.file(name, fi.Mode().Type(), fi)
		return
	}
	id, ok := identify(fi)
	for _, a := range chain {
		if ok && a.ok && a.id == id {
			w.found = append(w.found, Finding{Kind: Loop, Path: name, First: a.name})
			return
		}
	}
	if !ok && links >= MaxLinkDepth {
		w.found = append(w.found, Finding{Kind: Loop, Path: name, First: chain[0].name})
		return
	}
	w.dir(name, fi, chain, links+1)
}

// file reads the file name, of type t (fi when known), if it is wanted.
func (w *walker) file(name string, t fs.FileMode, fi fs.FileInfo) {
	if w.o.Wants != nil && !w.o.Wants(name) {
		return
	}
	if !t.IsRegular() {
		w.found = append(w.found, Finding{Kind: NotRegular, Path: name, Mode: t})
		return
	}
	if fi == nil {
		var err error
		if fi, err = fs.Stat(w.fsys, name); err != nil {
			w.errs = append(w.errs, err)
			return
		}
	}
	if id, ok := identify(fi); ok {
		if first, dup := w.seen[id]; dup {
			w.found = append(w.found, Finding{Kind: Duplicate, Path: name, First: first})
			return
		}
		w.seen[id] = name
	}
	w.read(name, fi)
}

// unwrapPath keeps the reason of a *fs.PathError: the finding names the
// path itself.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
