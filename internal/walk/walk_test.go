package walk_test

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/internal/walk"
)

// designOptions are the design loader's: hidden entries are skipped, YAML
// and JSON files are read.
var designOptions = walk.Options{
	Skip:  func(name string) bool { return strings.HasPrefix(name, ".") },
	Wants: func(p string) bool { return strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".json") },
}

// run walks dir on the operating system, from inside it, and returns the
// files read and the findings as "kind path [first]".
func run(t *testing.T, dir, root string) (read, found []string, err error) {
	t.Helper()
	found = nil
	fsys := os.DirFS(dir)
	var findings []walk.Finding
	findings, err = walk.Walk(fsys, root, designOptions, func(name string, info fs.FileInfo) {
		require.True(t, info.Mode().IsRegular(), name)
		read = append(read, name)
	})
	for _, f := range findings {
		s := f.Kind.String() + " " + f.Path
		if f.First != "" {
			s += " " + f.First
		}
		found = append(found, s)
		assert.NotEmpty(t, f.Message())
	}
	return read, found, err
}

func mkfile(t *testing.T, name string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
	require.NoError(t, os.WriteFile(name, []byte("kind: Role\n"), 0o644))
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
	require.NoError(t, os.Symlink(target, name))
}

// The reproduction: a symlinked file and directory were skipped
// without a word. They are read, each real file once; a loop, a broken
// link and a FIFO are reported, and the FIFO is never opened (the walk
// would block on it).
func TestWalkFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	mkfile(t, filepath.Join(dir, "shared/roles.yaml"))
	mkfile(t, filepath.Join(dir, "shared/notes.txt"))
	mkfile(t, filepath.Join(dir, "design/service.yaml"))
	mkfile(t, filepath.Join(dir, "design/.hidden/skip.yaml"))
	symlink(t, "../shared/roles.yaml", filepath.Join(dir, "design/roles.yaml")) // a link to a file
	symlink(t, "../shared", filepath.Join(dir, "design/common"))                // a link to a directory
	symlink(t, "..", filepath.Join(dir, "design/sub/up"))                       // a loop
	symlink(t, "missing.yaml", filepath.Join(dir, "design/gone.yaml"))          // broken
	symlink(t, "service.yaml", filepath.Join(dir, "design/zz-again.yaml"))      // a second path to a file
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "design/pipe.yaml"), 0o644))
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "design/pipe.txt"), 0o644)) // not wanted by name: passed over
	symlink(t, "pipe.txt", filepath.Join(dir, "design/via-link.json"))               // a link to a FIFO

	read, found, err := run(t, dir, "design")
	require.NoError(t, err)
	assert.Equal(t, []string{"design/common/roles.yaml", "design/service.yaml"}, read)
	assert.Equal(t, []string{
		"broken link design/gone.yaml",
		"not regular design/pipe.yaml",
		"duplicate design/roles.yaml design/common/roles.yaml",
		"loop design/sub/up design",
		"not regular design/via-link.json",
		"duplicate design/zz-again.yaml design/service.yaml",
	}, found)
}

// A link to a directory met before the directory itself: the directory is
// read once, through the link.
func TestWalkDirectoryTwice(t *testing.T) {
	dir := t.TempDir()
	mkfile(t, filepath.Join(dir, "design/v2/service.yaml"))
	symlink(t, "v2", filepath.Join(dir, "design/current"))
	read, found, err := run(t, dir, "design")
	require.NoError(t, err)
	assert.Equal(t, []string{"design/current/service.yaml"}, read)
	assert.Equal(t, []string{"duplicate design/v2 design/current"}, found)
}

// The root itself may be a link; a link to a link to a directory is
// followed; two links that lead into each other are one loop each.
func TestWalkLinkedRootAndMutualLoop(t *testing.T) {
	dir := t.TempDir()
	mkfile(t, filepath.Join(dir, "real/a/x.yaml"))
	mkfile(t, filepath.Join(dir, "real/b/y.yaml"))
	symlink(t, "../b", filepath.Join(dir, "real/a/to-b"))
	symlink(t, "../a", filepath.Join(dir, "real/b/to-a"))
	symlink(t, "real", filepath.Join(dir, "root"))
	read, found, err := run(t, dir, "root")
	require.NoError(t, err)
	assert.Equal(t, []string{"root/a/to-b/y.yaml", "root/a/x.yaml"}, read)
	assert.Equal(t, []string{"loop root/a/to-b/to-a root/a", "duplicate root/b root/a/to-b"}, found)
}

// A directory that cannot be read is an error; the rest is walked.
func TestWalkUnreadableDirectory(t *testing.T) {
	fsys := fstest.MapFS{
		"d/a.yaml":     {Data: []byte("x")},
		"d/b/c.yaml":   {Data: []byte("x")},
		"d/sock.yaml":  {Mode: fs.ModeSocket},
		"d/dev.json":   {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"d/other.txt":  {Mode: fs.ModeNamedPipe},
		"d/.git/x.yml": {Data: []byte("x")},
	}
	var read []string
	found, err := walk.Walk(fsys, "d", designOptions, func(name string, _ fs.FileInfo) { read = append(read, name) })
	require.NoError(t, err)
	assert.Equal(t, []string{"d/a.yaml", "d/b/c.yaml"}, read)
	require.Len(t, found, 2)
	assert.Equal(t, "d/dev.json is a character device, not a regular file: it is not opened (name it explicitly to read it under the byte limit)", found[0].Message())
	assert.Equal(t, "d/sock.yaml is a socket, not a regular file: it is not opened (name it explicitly to read it under the byte limit)", found[1].Message())

	_, err = walk.Walk(fsys, "nowhere", designOptions, func(string, fs.FileInfo) {})
	assert.ErrorIs(t, err, fs.ErrNotExist)

	if os.Geteuid() == 0 {
		return // root reads every directory
	}
	dir := t.TempDir()
	mkfile(t, filepath.Join(dir, "d/locked/x.yaml"))
	mkfile(t, filepath.Join(dir, "d/open/y.yaml"))
	require.NoError(t, os.Chmod(filepath.Join(dir, "d/locked"), 0))
	t.Cleanup(func() { _ = os.Chmod(filepath.Join(dir, "d/locked"), 0o755) })
	read, _, err = run(t, dir, "d")
	assert.ErrorIs(t, err, fs.ErrPermission)
	assert.Equal(t, []string{"d/open/y.yaml"}, read)
}

// noIdentityFS hides the file numbers, as a file system that has links but
// no inodes would.
type noIdentityFS struct{ fs.FS }

type noSys struct{ fs.FileInfo }

func (noSys) Sys() any { return nil }

func (f noIdentityFS) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(f.FS, name)
	if err != nil {
		return nil, err
	}
	return noSys{fi}, nil
}

func (f noIdentityFS) ReadDir(name string) ([]fs.DirEntry, error) {
	des, err := fs.ReadDir(f.FS, name)
	for i, de := range des {
		des[i] = noSysEntry{de}
	}
	return des, err
}

type noSysEntry struct{ fs.DirEntry }

func (e noSysEntry) Info() (fs.FileInfo, error) {
	fi, err := e.DirEntry.Info()
	if err != nil {
		return nil, err
	}
	return noSys{fi}, nil
}

// Without file numbers a loop is cut after MaxLinkDepth links.
func TestWalkLoopWithoutIdentity(t *testing.T) {
	dir := t.TempDir()
	mkfile(t, filepath.Join(dir, "d/x.yaml"))
	symlink(t, ".", filepath.Join(dir, "d/self"))
	var read []string
	found, err := walk.Walk(noIdentityFS{os.DirFS(dir)}, "d", designOptions, func(name string, _ fs.FileInfo) { read = append(read, name) })
	require.NoError(t, err)
	assert.Len(t, read, walk.MaxLinkDepth+1)
	require.Len(t, found, 1)
	assert.Equal(t, walk.Loop, found[0].Kind)
	assert.Equal(t, "d"+strings.Repeat("/self", walk.MaxLinkDepth+1), found[0].Path)
}

// FuzzWalk builds a small tree of files, directories and symbolic links
// from the input, each byte pair one entry, and walks it: the walk ends,
// reads each real file once, never reads what is not a regular file, and
// reports as broken only links that cannot be followed.
func FuzzWalk(f *testing.F) {
	f.Add([]byte{0, 0, 1, 1, 2, 0, 3, 1})
	f.Add([]byte{1, 0, 2, 0, 2, 1, 2, 2, 3, 3})
	f.Add([]byte{2, 5, 2, 6, 2, 7, 0, 1})
	f.Fuzz(func(t *testing.T, plan []byte) {
		if len(plan) > 40 {
			plan = plan[:40]
		}
		dir := t.TempDir()
		root := filepath.Join(dir, "r")
		require.NoError(t, os.Mkdir(root, 0o755))
		dirs := []string{"r"}
		names := 0
		for i := 0; i+1 < len(plan); i += 2 {
			parent := dirs[int(plan[i+1])%len(dirs)]
			names++
			name := path.Join(parent, "e"+string(rune('a'+names%26))+strings.Repeat("x", names/26))
			switch plan[i] % 4 {
			case 0: // a file
				_ = os.WriteFile(filepath.Join(dir, name+".yaml"), []byte("x"), 0o644)
			case 1: // a directory
				if os.Mkdir(filepath.Join(dir, name), 0o755) == nil {
					dirs = append(dirs, name)
				}
			case 2: // a link to a directory already made, or to nothing
				target := dirs[int(plan[i+1])/len(dirs)%len(dirs)]
				if plan[i+1]%5 == 0 {
					target = "r/missing"
				}
				rel, err := filepath.Rel(filepath.Join(dir, parent), filepath.Join(dir, target))
				require.NoError(t, err)
				_ = os.Symlink(rel, filepath.Join(dir, name))
			case 3: // a link to a file
				_ = os.Symlink("../r/e"+string(rune('a'+int(plan[i+1])%26))+".yaml", filepath.Join(dir, name+".yaml"))
			}
		}
		seen := map[string]string{}
		found, err := walk.Walk(os.DirFS(dir), "r", designOptions, func(name string, info fs.FileInfo) {
			if !info.Mode().IsRegular() {
				t.Fatalf("%s read but not regular", name)
			}
			real, err := filepath.EvalSymlinks(filepath.Join(dir, name))
			require.NoError(t, err)
			if first, dup := seen[real]; dup {
				t.Fatalf("%s read twice: as %s and %s", real, first, name)
			}
			seen[real] = name
		})
		require.NoError(t, err)
		for _, f := range found {
			if f.Kind == walk.BrokenLink {
				// Missing, or a link to itself (ELOOP).
				_, err := os.Stat(filepath.Join(dir, f.Path))
				require.Error(t, err, "%s reported broken", f.Path)
			}
		}
	})
}

// TestReadRegular: the whole file, or one byte past the limit, and open
// errors as os.Open gives them.
func TestReadRegular(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.yaml")
	require.NoError(t, os.WriteFile(name, []byte("kind: Service\n"), 0o644))
	for _, c := range []struct {
		size, limit int64
		want        string
	}{
		{14, 100, "kind: Service\n"},
		{0, 100, "kind: Service\n"}, // the file grew since the walk met it
		{3, 100, "kind: Service\n"},
		{14, 14, "kind: Service\n"},
		{14, 5, "kind: "}, // one byte past the limit
		{0, 0, "k"},
	} {
		data, err := walk.ReadRegular(name, c.size, c.limit)
		require.NoError(t, err)
		assert.Equal(t, c.want, string(data), "size %d limit %d", c.size, c.limit)
	}
	empty := filepath.Join(dir, "empty.yaml")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	data, err := walk.ReadRegular(empty, 0, 10)
	require.NoError(t, err)
	assert.Empty(t, data)

	_, err = walk.ReadRegular(filepath.Join(dir, "missing.yaml"), 0, 10)
	_, want := os.Open(filepath.Join(dir, "missing.yaml"))
	assert.Equal(t, want.Error(), err.Error())
	assert.ErrorIs(t, err, fs.ErrNotExist)
}
