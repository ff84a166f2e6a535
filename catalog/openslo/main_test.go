package openslo_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/openslo"
)

var update = flag.Bool("update", false, "rewrite golden files")

func parse(name, src string) *catalog.Design {
	return catalog.Parse(catalog.Source{Name: name, Data: []byte(src)})
}

func load(t *testing.T, paths ...string) *catalog.Design {
	t.Helper()
	d, err := catalog.Load(paths...)
	require.NoError(t, err)
	return d
}

// convert converts a design and returns what is written and the findings
// as "rule line:col path" strings.
func convert(t *testing.T, d *catalog.Design, to openslo.Version) (string, []string) {
	t.Helper()
	var out bytes.Buffer
	found, err := openslo.Convert(&out, d, to)
	require.NoError(t, err)
	return out.String(), keys(found)
}

func keys(diags catalog.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		out = append(out, fmt.Sprintf("%s %d:%d %s", d.Rule, d.Pos.Line, d.Pos.Column, d.Path))
	}
	return out
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	return b
}
