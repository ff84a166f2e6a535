// Package atomicfile writes output files the only safe way: to a temporary
// file in the target's directory, synced, then renamed over the target, so
// that a reader sees the old file or the new one and never a cut-off one,
// and a failure (a full disk, a writer error) leaves the old file as it was.
//
// It also refuses to write over what the run read: a target that is one of
// the inputs, or lies inside an input directory (a design directory that
// the next lint would load), is an error wrapping ErrInput unless forced.
// Every command of the project that writes a file goes through this package.
package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrInput is wrapped by the error for a target that is an input of the run
// or lies inside an input directory.
var ErrInput = errors.New("the output would overwrite an input")

// Options says what a write must not touch and how the file is created.
type Options struct {
	// Inputs are the files and directories the run read. A target that is
	// one of the files, or lies inside one of the directories, is refused.
	Inputs []string
	// Force writes even over an input.
	Force bool
	// Perm is the mode of a new file (0o644 when zero); a file that exists
	// keeps its mode.
	Perm fs.FileMode
	// Unread, when set, reports whether a path inside an input directory
	// is one the run does not read there, given relative to the directory
	// with forward slashes ("ops/.baseline.json"): such a path may be
	// written, as a design loader that skips hidden files and files other
	// than YAML and JSON allows. Nil refuses every path inside an input
	// directory. A path that is itself an input file is refused all the
	// same.
	Unread func(rel string) bool
}

// CheckTarget returns an error wrapping ErrInput when path is one of the
// inputs or lies inside an input directory. Symbolic links are resolved on
// both sides, so a link to an input is the input. Call it before expensive
// work; Write calls it again.
func CheckTarget(path string, inputs []string) error {
	return Options{Inputs: inputs}.Check(path)
}

// Check is CheckTarget with the options' inputs and Unread; it checks
// even when Force is set, so that a caller can say it forced.
func (o Options) Check(path string) error {
	target, err := resolve(path)
	if err != nil {
		return err
	}
	tinfo, terr := os.Stat(target)
	for _, in := range o.Inputs {
		real, err := resolve(in)
		if err != nil {
			continue // an input that cannot be resolved cannot be the target
		}
		info, err := os.Stat(real)
		if err != nil {
			continue
		}
		switch {
		case info.IsDir() && within(target, real) && !o.unread(real, target):
			return fmt.Errorf("%s: %w: it is inside the input directory %s", path, ErrInput, in)
		case !info.IsDir() && (target == real || terr == nil && os.SameFile(tinfo, info)):
			return fmt.Errorf("%s: %w %s", path, ErrInput, in)
		}
	}
	return nil
}

// unread reports whether target, inside dir, is a path the run does not
// read there.
func (o Options) unread(dir, target string) bool {
	if o.Unread == nil || target == dir {
		return false
	}
	rel, err := filepath.Rel(dir, target)
	return err == nil && o.Unread(filepath.ToSlash(rel))
}

// WriteFile writes data to path atomically; see Write.
func WriteFile(path string, data []byte, opts Options) error {
	return Write(path, opts, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write calls write with a temporary file in path's directory, syncs it and
// renames it over path. When write, the sync or the rename fails, the
// temporary file is removed and path is left as it was. A path that is a
// symbolic link keeps the link: the file it points to is replaced. A path
// that exists and is not a regular file (a terminal, a pipe, /dev/null) is
// written directly, since it cannot be replaced.
func Write(path string, opts Options, write func(io.Writer) error) error {
	if !opts.Force {
		if err := opts.Check(path); err != nil {
			return err
		}
	}
	target, err := resolve(path)
	if err != nil {
		return err
	}
	perm := opts.Perm
	if perm == 0 {
		perm = 0o644
	}
	if info, err := os.Stat(target); err == nil {
		if !info.Mode().IsRegular() {
			return writeDirect(target, write)
		}
		perm = info.Mode().Perm()
	}
	dir, base := filepath.Split(target)
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		os.Remove(tmp.Name())
		done = true
		return fmt.Errorf("write %s: %w", path, err)
	}
	done = true
	syncDir(dir)
	return nil
}

// Append adds data at the end of path atomically: the old content and data
// go to a temporary file that replaces path, so a failure leaves the old
// content whole and never half a new line. A missing file is created.
func Append(path string, data []byte, opts Options) error {
	target, err := resolve(path)
	if err != nil {
		return err
	}
	old, err := os.ReadFile(target)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("append to %s: %w", path, err)
	}
	return Write(path, opts, func(w io.Writer) error {
		_, err := io.Copy(w, io.MultiReader(bytes.NewReader(old), bytes.NewReader(data)))
		return err
	})
}

func writeDirect(target string, write func(io.Writer) error) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", target, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", target, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", target, err)
	}
	return nil
}

// resolve makes path absolute and resolves symbolic links in it; for a path
// that does not exist yet, in its directory.
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real, nil
	}
	dir, base := filepath.Split(abs)
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return filepath.Join(real, base), nil
}

func within(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// syncDir makes the rename durable where the platform allows it; a failure
// is not an error, the file itself is already complete.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
