package atomicfile_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/opsdesign/opsdesign/internal/atomicfile"
)

// A command that read a design directory refuses to write its export into
// it, and writes elsewhere atomically.
func Example() {
	dir, _ := os.MkdirTemp("", "atomicfile-example")
	defer os.RemoveAll(dir)
	design := filepath.Join(dir, "design")
	_ = os.Mkdir(design, 0o755)

	opts := atomicfile.Options{Inputs: []string{design}}
	err := atomicfile.WriteFile(filepath.Join(design, "slos.yaml"), []byte("apiVersion: openslo/v1\n"), opts)
	fmt.Println(errors.Is(err, atomicfile.ErrInput))

	err = atomicfile.WriteFile(filepath.Join(dir, "slos.yaml"), []byte("apiVersion: openslo/v1\n"), opts)
	fmt.Println(err)
	// Output:
	// true
	// <nil>
}
