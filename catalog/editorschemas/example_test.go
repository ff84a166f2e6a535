package editorschemas_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/opsdesign/opsdesign/catalog/editorschemas"
)

// Write the schemas where an editor finds them offline, then name the
// umbrella in each YAML file's modeline by a path relative to the file.
func ExampleWrite() {
	dir, err := os.MkdirTemp("", "schemas")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := editorschemas.Write(filepath.Join(dir, ".schemas")); err != nil {
		log.Fatal(err)
	}
	_, err = os.Stat(filepath.Join(dir, ".schemas", filepath.FromSlash(editorschemas.Umbrella)))
	fmt.Println(err == nil)
	fmt.Println("# yaml-language-server: $schema=.schemas/" + editorschemas.Umbrella)
	// Output:
	// true
	// # yaml-language-server: $schema=.schemas/v1/opsdesign.json
}
