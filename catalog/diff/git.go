package diff

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/config"
)

// ErrGit is wrapped by the errors of GitRoot and LoadGit when the git
// command is missing or fails.
var ErrGit = errors.New("git")

// GitRoot returns the top directory of the work tree of the git
// repository holding dir, as the git command reports it.
func GitRoot(ctx context.Context, dir string) (string, error) {
	out, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", err
	}
	return strings.TrimRight(string(out), "\r\n"), nil
}

// LoadGit loads a revision of the git repository whose work tree's top is
// dir, through the git command (git ls-tree and git cat-file; nothing is
// checked out): the files at paths (relative to the top, slash-separated;
// the whole tree when none are given) as they are in rev, with the
// .opsdesign.yaml that applies there, as LoadFS does. File names are
// relative to the top, as LoadFS over the work tree names them.
//
// A path at which rev holds no design file is left out, with a note: the
// design, or that part of it, is new. Symbolic links and submodules are left out,
// with a note each.
func LoadGit(ctx context.Context, dir, rev string, paths ...string) (Revision, error) {
	fsys, notes, err := gitTree(ctx, dir, rev, paths)
	if err != nil {
		return Revision{Name: rev}, err
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var present []string
	for _, p := range paths {
		if fsys.has(path.Clean(p)) {
			present = append(present, p)
			continue
		}
		notes = append(notes, fmt.Sprintf("%s holds no design file at %s: all of it is new", rev, p))
	}
	if len(present) == 0 {
		return Revision{Name: rev, Design: catalog.Parse(), Files: fsys, Notes: notes}, nil
	}
	r, err := LoadFS(rev, fsys, present...)
	r.Notes = append(notes, r.Notes...)
	return r, err
}

// git runs the git command in dir and returns its standard output.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Env = gitEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("%w %s: %s", ErrGit, args[0], msg)
	}
	return stdout.Bytes(), nil
}

// gitEnv is the environment of the git commands: paths are literal, not
// patterns.
func gitEnv() []string { return append(os.Environ(), "GIT_LITERAL_PATHSPECS=1") }

// gitTree reads the design files at paths of a revision (and the
// configuration files above them) into memory.
func gitTree(ctx context.Context, dir, rev string, paths []string) (*memFS, []string, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, nil, fmt.Errorf("revision %q: %w: a revision does not start with -", rev, ErrGit)
	}
	commit, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	if err != nil {
		return nil, nil, fmt.Errorf("revision %q: %w", rev, err)
	}
	// Every directory from the top to each path may hold the
	// configuration that applies to it.
	specs := map[string]bool{config.FileName: true}
	var named []string
	for _, p := range paths {
		p = path.Clean(p)
		if p == "." {
			named = nil
			break
		}
		named = append(named, p)
		specs[path.Join(p, config.FileName)] = true
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			specs[path.Join(d, config.FileName)] = true
		}
	}
	args := []string{"ls-tree", "-r", "-z", "--full-tree", strings.TrimSpace(string(commit)), "--"}
	if len(paths) > 0 && named != nil {
		args = append(append(args, named...), sortedKeys(specs)...)
	}
	listing, err := git(ctx, dir, args...)
	if err != nil {
		return nil, nil, err
	}
	fsys := newMemFS()
	var notes []string
	var want []string // object IDs to read, in the order of names
	var names []string
	for _, entry := range bytes.Split(listing, []byte{0}) {
		if len(entry) == 0 {
			continue
		}
		meta, name, ok := strings.Cut(string(entry), "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 3 {
			return nil, nil, fmt.Errorf("%w ls-tree: unexpected line %q", ErrGit, entry)
		}
		mode, typ, oid := fields[0], fields[1], fields[2]
		switch {
		case typ == "commit":
			notes = append(notes, fmt.Sprintf("%s: submodule %s left out", rev, name))
			continue
		case mode == "120000":
			if wanted(name, named, specs) {
				notes = append(notes, fmt.Sprintf("%s: symbolic link %s left out", rev, name))
			}
			continue
		case typ != "blob" || !wanted(name, named, specs):
			continue
		}
		want = append(want, oid)
		names = append(names, name)
	}
	if err := readBlobs(ctx, dir, want, func(i int, size int64, data []byte) { fsys.add(names[i], size, data) }); err != nil {
		return nil, nil, err
	}
	return fsys, notes, nil
}

// wanted reports whether a file of the tree can be part of the design:
// a configuration file that may apply, a named path, or a design file
// (by its extension, as the loader picks them in a directory).
func wanted(name string, named []string, specs map[string]bool) bool {
	if specs[name] || slices.Contains(named, name) {
		return true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// maxBlobBytes is the most of a file kept in memory: one byte more than
// the loader's default limit, which then reports the file as too large.
const maxBlobBytes = 16<<20 + 1

// readBlobs reads objects through one git cat-file --batch, calling f
// with the index, the size and (at most maxBlobBytes of) the content of
// each.
func readBlobs(ctx context.Context, dir string, oids []string, f func(i int, size int64, data []byte)) error {
	if len(oids) == 0 {
		return nil
	}
	cmd := exec.CommandContext(ctx, "git", "-C", dir, "cat-file", "--batch")
	cmd.Env = gitEnv()
	cmd.Stdin = strings.NewReader(strings.Join(oids, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("%w cat-file: %w", ErrGit, err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%w cat-file: %w", ErrGit, err)
	}
	r := bufio.NewReaderSize(out, 1<<16)
	readErr := func() error {
		for i := range oids {
			header, err := r.ReadString('\n')
			if err != nil {
				return err
			}
			fields := strings.Fields(header)
			if len(fields) != 3 {
				return fmt.Errorf("object %s: %s", oids[i], strings.TrimSpace(header))
			}
			size, err := strconv.ParseInt(fields[2], 10, 64)
			if err != nil {
				return fmt.Errorf("object %s: size %q", oids[i], fields[2])
			}
			data := make([]byte, min(size, maxBlobBytes))
			if _, err := io.ReadFull(r, data); err != nil {
				return err
			}
			if _, err := io.CopyN(io.Discard, r, size-int64(len(data))+1); err != nil { // the rest and the newline
				return err
			}
			f(i, size, data)
		}
		return nil
	}()
	waitErr := cmd.Wait()
	switch {
	case readErr != nil && waitErr != nil:
		return fmt.Errorf("%w cat-file: %s", ErrGit, strings.TrimSpace(stderr.String()+" "+waitErr.Error()))
	case readErr != nil:
		return fmt.Errorf("%w cat-file: %w", ErrGit, readErr)
	case waitErr != nil:
		return fmt.Errorf("%w cat-file: %w", ErrGit, waitErr)
	}
	return nil
}
