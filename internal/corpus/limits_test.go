package corpus_test

import (
	"errors"
	"io"
	"iter"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/ticket"
)

// The input limits, each through the public API: every one is a positioned
// diagnostic, the rest of the input is still read, and a hostile input
// costs little memory. Memory is asserted in bytes allocated, never in time.

const roleDoc = "apiVersion: opsdesign/v1\nkind: Role\nmetadata:\n  name: %s\nspec:\n  tier: associate\n"

func role(name string) string { return strings.Replace(roleDoc, "%s", name, 1) }

// bytesAllocated returns the bytes f allocates, the mean of a few runs.
func bytesAllocated(f func()) uint64 {
	const runs = 3
	f() // warm up: schemas and tables built once are not the input's cost
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / runs
}

// laughs is the exponential alias bomb: levels of ten aliases each to the
// level before, 10^levels nodes if it were expanded.
func laughs(levels int) string {
	var b strings.Builder
	b.WriteString("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < levels; i++ {
		b.WriteString("l" + strconv.Itoa(i) + ": &l" + strconv.Itoa(i) + " [")
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*l" + strconv.Itoa(i-1))
		}
		b.WriteString("]\n")
	}
	return b.String()
}

func TestLimitAliasExpansion(t *testing.T) {
	// Ten billion nodes if expanded; the file itself is under 700 bytes.
	bomb := role("after-the-bomb") + "---\n" + laughs(10)
	var d *catalog.Design
	load := func() { d = catalog.Parse(catalog.Source{Name: "bomb.yaml", Data: []byte(bomb)}) }
	allocated := bytesAllocated(load)

	got := keysOf(d.Diagnostics().ByRule("limits/alias-expansion"))
	// The budget of 100,000 nodes runs out at the 8th alias of level 4.
	assert.Equal(t, []string{"limits/alias-expansion 12:45 /l4/7"}, got)
	require.Len(t, d.Documents, 2, "the document before the bomb and the bomb itself are kept")
	assert.Equal(t, "after-the-bomb", d.Documents[0].Name)

	// A harmless file of the same size, for scale.
	plain := role("after-the-bomb") + "---\n" + strings.Repeat("k: [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n", 10)
	baseline := bytesAllocated(func() { catalog.Parse(catalog.Source{Name: "plain.yaml", Data: []byte(plain)}) })
	t.Logf("bytes allocated: bomb %d, harmless file of the same size %d", allocated, baseline)
	// Expanded, the bomb would take hundreds of gigabytes; refused, it
	// costs about what a harmless file of its size does.
	assert.Less(t, allocated, uint64(1<<20), "bytes allocated refusing the bomb")
	allocs := testing.AllocsPerRun(3, load)
	t.Logf("allocations refusing the bomb: %.0f", allocs)
	assert.Less(t, allocs, 20_000.0, "allocations refusing the bomb")
}

func TestLimitFileSize(t *testing.T) {
	fsys := fstest.MapFS{
		"ops/big.yaml":   {Data: []byte(role("big") + "# " + strings.Repeat("x", 200) + "\n")},
		"ops/small.yaml": {Data: []byte(role("small"))},
	}
	d, err := catalog.Loader{Limits: catalog.Limits{MaxFileBytes: 150}}.LoadFS(fsys, "ops")
	require.NoError(t, err)
	assert.Equal(t, []string{"limits/file-size 0:0"}, keysOf(d.Diagnostics()))
	assert.Equal(t, "ops/big.yaml", d.Diagnostics()[0].Pos.File)
	require.Len(t, d.Documents, 1)
	assert.Equal(t, "small", d.Documents[0].Name)
}

func TestLimitDocuments(t *testing.T) {
	var src strings.Builder
	for i := range 5 {
		src.WriteString("---\n" + role("r"+strconv.Itoa(i)))
	}
	d := catalog.Loader{Limits: catalog.Limits{MaxDocuments: 3}}.Parse(
		catalog.Source{Name: "many.yaml", Data: []byte(src.String())},
		catalog.Source{Name: "other.yaml", Data: []byte(role("other"))})
	// Reported once, at the separator of the first document over the limit.
	assert.Equal(t, []string{"limits/documents 22:1"}, keysOf(d.Diagnostics()))
	assert.Len(t, d.Documents, 4, "three documents of many.yaml and the one of other.yaml")
}

func TestLimitNesting(t *testing.T) {
	nested := func(depth int) []byte {
		// metadata.labels.x is at depth 3; the flow sequences add the rest.
		n := depth - 3
		return []byte("apiVersion: opsdesign/v1\nkind: Role\nmetadata:\n  name: deep\n  labels: {x: " +
			strings.Repeat("[", n) + strings.Repeat("]", n) + "}\nspec:\n  tier: associate\n")
	}
	lim := catalog.Loader{Limits: catalog.Limits{MaxDepth: 20}}
	within := lim.Parse(catalog.Source{Name: "a.yaml", Data: nested(20)})
	assert.Empty(t, within.Diagnostics().ByRule("limits/nesting"), "depth 20 is within a limit of 20")
	over := lim.Parse(catalog.Source{Name: "a.yaml", Data: nested(21)})
	assert.Equal(t, []string{"limits/nesting 5:32"}, keysOf(over.Diagnostics().ByRule("limits/nesting")))

	// A million brackets: refused with the default limit, in bounded memory.
	huge := "a: " + strings.Repeat("[", 1_000_000) + strings.Repeat("]", 1_000_000) + "\n"
	var d *catalog.Design
	allocated := bytesAllocated(func() { d = catalog.Parse(catalog.Source{Name: "huge.yaml", Data: []byte(huge)}) })
	assert.Equal(t, []string{"limits/nesting 1:103"}, keysOf(d.Diagnostics()))
	t.Logf("bytes allocated refusing 1,000,000 levels: %d", allocated)
	assert.Less(t, allocated, uint64(4*len(huge)), "bytes allocated: a few times the input at most")
}

// longRow is a reader of a ticket export whose second row is n bytes long,
// produced as it is read so that the test itself holds none of it.
func longRow(header, before, after string, n int64) io.Reader {
	return io.MultiReader(strings.NewReader(header+before), io.LimitReader(repeat('x'), n), strings.NewReader(after))
}

type repeat byte

func (r repeat) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

func TestLimitRowLength(t *testing.T) {
	const size = 32 << 20 // a 32 MiB runaway field
	tests := []struct {
		name string
		read func(io.Reader, string, ticket.Mapping) iter.Seq2[ticket.Ticket, error]
		src  func() io.Reader
		want []string
	}{
		{"csv", ticket.ReadCSV, func() io.Reader {
			return longRow("id,title,created\n", "L-1,", ",2026-10-01T09:00:00+09:00\nL-2,short,2026-10-01T09:00:00+09:00\n", size)
		}, []string{"ticket/row-too-long 2:0"}},
		{"jsonl", ticket.ReadJSONL, func() io.Reader {
			return longRow("", `{"id":"L-1","title":"`, `"}`+"\n"+`{"id":"L-2","title":"short","created":"2026-10-01T09:00:00+09:00"}`+"\n", size)
		}, []string{"ticket/row-too-long 1:0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids, found []string
			allocated := bytesAllocated(func() {
				ids, found = nil, nil
				for tk, err := range tt.read(tt.src(), "export."+tt.name, ticket.NativeMapping(nil)) {
					var d catalog.Diagnostic
					if errors.As(err, &d) {
						found = append(found, key(d))
						continue
					}
					require.NoError(t, err)
					ids = append(ids, tk.ID)
				}
			})
			assert.Equal(t, tt.want, found)
			assert.Equal(t, []string{"L-2"}, ids, "the row after the long one is imported")
			t.Logf("bytes allocated skipping a %d-byte row: %d", size, allocated)
			// The default limit is 1 MiB: skipping the row costs a few
			// times that, never the row's own size.
			assert.Less(t, allocated, uint64(size/2))
		})
	}
}

func keysOf(diags catalog.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		out = append(out, key(d))
	}
	return out
}
