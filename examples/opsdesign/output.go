package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/atomicfile"
)

// forceHelp is the doc of every command's -force flag.
const forceHelp = "write the output even over one of the command's inputs, or where the design loader would read it inside a loaded design directory"

// writeOutput writes an output file as every command does, through
// internal/atomicfile: to a temporary file beside it, synced and renamed
// over it, so that a failure (a full disk) leaves the old file whole. A
// path that is one of the run's inputs (design paths, configuration,
// baseline, data files), or a file the design loader would read inside a
// loaded design directory, is refused unless force: the next lint must
// not read the export, and no input is ever replaced by accident. Hidden
// files and files other than YAML and JSON may be written there, as a
// baseline named .opsdesign-baseline.json is.
func writeOutput(path string, inputs []string, force bool, write func(io.Writer) error) error {
	opts := atomicfile.Options{Inputs: inputs, Force: force, Unread: func(rel string) bool { return !catalog.WalkReads(rel) }}
	err := atomicfile.Write(path, opts, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
	if errors.Is(err, atomicfile.ErrInput) {
		return fmt.Errorf("%w; nothing was written (-force writes it all the same)", err)
	}
	return err
}

// checkOutput refuses an output path before the work of making it, as
// writeOutput would after.
func checkOutput(path string, inputs []string, force bool) error {
	if path == "" || force {
		return nil
	}
	opts := atomicfile.Options{Inputs: inputs, Unread: func(rel string) bool { return !catalog.WalkReads(rel) }}
	if err := opts.Check(path); err != nil {
		return fmt.Errorf("%w; nothing was written (-force writes it all the same)", err)
	}
	return nil
}

// repositoryRoot is the directory SARIF and GitHub annotations name files
// relative to: the nearest directory upward from the working directory
// that holds .git (a directory, or a file in a worktree), as code scanning
// resolves paths against the checkout's root; else the working directory.
func repositoryRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return wd
		}
	}
}
