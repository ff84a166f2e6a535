//go:build !unix

package walk

import (
	"io"
	"os"
)

// ReadRegular reads the regular file name of the operating system, which
// a walk met with size bytes, up to limit+1 bytes (one more than the
// limit, so that a caller sees a file that grew past it). Open errors are
// *fs.PathError, as os.Open's; read errors are not wrapped.
func ReadRegular(name string, size, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit+1))
}
