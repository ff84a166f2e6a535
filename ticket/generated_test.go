package ticket_test

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/internal/gen"
)

var update = flag.Bool("update", false, "rewrite the generated ticket files and the golden reports")

const (
	mspMonthFile  = "../testdata/tickets/msp-2026-10.csv"
	inquiriesFile = "../testdata/tickets/inquiries-2026-08-10.jsonl"
)

// TestGeneratedTestdata checks that the committed ticket files are what
// the generators in internal/gen write; -update rewrites them.
func TestGeneratedTestdata(t *testing.T) {
	for _, tt := range []struct {
		file string
		gen  func(io.Writer) error
	}{
		{mspMonthFile, gen.MSPMonth},
		{inquiriesFile, gen.Inquiries},
	} {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, tt.gen(&b))
			if *update {
				require.NoError(t, os.WriteFile(tt.file, b.Bytes(), 0o644))
			}
			got, err := os.ReadFile(tt.file)
			require.NoError(t, err)
			assert.True(t, bytes.Equal(b.Bytes(), got), "%s is not what internal/gen writes: run go test ./ticket -run GeneratedTestdata -update", tt.file)
		})
	}
}
