package walk_test

import (
	"fmt"
	"io/fs"
	"strings"
	"testing/fstest"

	"github.com/opsdesign/opsdesign/internal/walk"
)

// Walk a design directory: YAML files are read, hidden entries skipped,
// and a FIFO named like a design file is reported, not opened.
func Example() {
	fsys := fstest.MapFS{
		"design/service.yaml":      {Data: []byte("kind: Service\n")},
		"design/roles/team.yaml":   {Data: []byte("kind: Team\n")},
		"design/.git/config.yaml":  {Data: []byte("skipped\n")},
		"design/README.md":         {Data: []byte("not wanted\n")},
		"design/requests.fifo.yml": {Mode: fs.ModeNamedPipe},
	}
	opts := walk.Options{
		Skip:  func(name string) bool { return strings.HasPrefix(name, ".") },
		Wants: func(p string) bool { return strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml") },
	}
	found, err := walk.Walk(fsys, "design", opts, func(name string, info fs.FileInfo) {
		fmt.Println("read", name, info.Size())
	})
	if err != nil {
		fmt.Println(err)
	}
	for _, f := range found {
		fmt.Println(f.Kind, "-", f.Message())
	}
	// Output:
	// read design/roles/team.yaml 11
	// read design/service.yaml 14
	// not regular - design/requests.fifo.yml is a FIFO, not a regular file: it is not opened (name it explicitly to read it under the byte limit)
}
