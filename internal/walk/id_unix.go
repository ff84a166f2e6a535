//go:build unix

package walk

import (
	"io/fs"
	"syscall"
)

// identity tells a file or directory from every other: its device and
// inode numbers.
type identity struct{ dev, ino uint64 }

// identify returns the identity of what info describes, when the file
// system gives it.
func identify(info fs.FileInfo) (identity, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok || st == nil {
		return identity{}, false
	}
	return identity{dev: uint64(st.Dev), ino: uint64(st.Ino)}, true // the field types differ by platform
}
