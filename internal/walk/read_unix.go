//go:build unix

package walk

import (
	"io/fs"
	"syscall"
)

// ReadRegular reads the regular file name of the operating system, which
// a walk met with size bytes, up to limit+1 bytes (one more than the
// limit, so that a caller sees a file that grew past it). It asks the
// system for only what reading needs: open, read until the end, close.
// os.Open would also switch the descriptor to non-blocking mode and try
// to register it with the network poller (which refuses regular files),
// twice as many system calls, the larger part of reading a small file.
// Open errors are *fs.PathError, as os.Open's; read errors are not
// wrapped.
func ReadRegular(name string, size, limit int64) ([]byte, error) {
	var fd int
	var err error
	for {
		if fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0); err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	buf := make([]byte, min(max(size, 0), limit)+1)
	n := 0
	for {
		if n == len(buf) {
			if int64(n) > limit {
				return buf, nil
			}
			buf = append(buf, make([]byte, min(int64(len(buf)), limit+1-int64(n)))...)
		}
		m, err := syscall.Read(fd, buf[n:])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return nil, err
		case m == 0:
			return buf[:n], nil
		}
		n += m
	}
}
