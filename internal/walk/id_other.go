//go:build !unix

package walk

import "io/fs"

// identity is empty where the file system gives no file numbers: links
// to directories are then bounded by MaxLinkDepth.
type identity struct{}

func identify(fs.FileInfo) (identity, bool) { return identity{}, false }
