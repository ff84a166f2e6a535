package config

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
)

// sameAsWhole checks that streaming a JSON baseline gives what parsing it
// whole does: the entries, where each was read, and every diagnostic.
func sameAsWhole(t testing.TB, data []byte) {
	t.Helper()
	want, wantDiags := parseBaselineDoc("b.json", data, "")
	got, gotDiags := streamBaseline("b.json", data, "")
	if fmt.Sprint(want.Entries) != fmt.Sprint(got.Entries) || fmt.Sprint(want.at) != fmt.Sprint(got.at) {
		t.Fatalf("entries of %q:\nwhole  %v %v\nstream %v %v", data, want.Entries, want.at, got.Entries, got.at)
	}
	if fmt.Sprint(wantDiags) != fmt.Sprint(gotDiags) {
		t.Fatalf("diagnostics of %q:\nwhole  %v\nstream %v", data, wantDiags, gotDiags)
	}
}

const fp = "0123456789abcdef0123456789abcdef"

var baselineCases = []string{
	`{"version": 1, "findings": []}`,
	`{"$schema": "x", "version": 1, "findings": [{"fingerprint": "` + fp + `", "rule": "a/b", "file": "x", "path": "/p", "message": "m", "count": 3}]}`,
	"{\n  \"version\": 1,\n  \"findings\": [\n    {\"fingerprint\": \"" + fp + "\", \"rule\": \"a/b\", \"file\": \"x\", \"message\": \"会員 m\"},\n    {\"fingerprint\": \"" + fp + "\", \"rule\": \"a/c\", \"file\": \"y\", \"message\": \"n\"}\n  ]\n}\n",
	// Every kind of bad entry, beside good ones, on one line and on several.
	`{"version": 1, "findings": [{"fingerprint": "` + strings.ToUpper(fp) + `", "rule": "a/b", "file": "x", "message": "m"}, {"count": 0}, 3, "s", null, {"fingerprint": "` + fp + `", "rule": "", "file": "x", "message": "m"}]}`,
	"{\"version\": 1,\r\n \"findings\": [\r\n  {\"fingerprint\": \"" + fp + "\", \"rule\": \"a/b\", \"file\": \"x\", \"message\": \"m\", \"extra\": 1},\r\n  {\"fingerprint\": \"" + fp + "\", \"rule\": \"a/b\", \"rule\": \"a/c\", \"file\": \"x\", \"message\": \"m\"},\r  {\"fingerprint\": \"" + fp + "\", \"rule\": \"a/b\", \"file\": \"x\", \"message\": \"m\", \"count\": 2.0}]}",
	`{"version": 1, "findings": [{"fingerprint": "` + fp + `", "rule": "a/b", "file": "x", "message": "m", "count": 99999999999}, {"fingerprint": "` + fp + `", "rule": "a/b", "file": "x", "message": 5}]}`,
	// The envelope: versions, unknown keys, wrong types, positions after
	// the blanked findings on the same line, a second findings.
	`{"version": 2, "findings": [{"fingerprint": "` + fp + `", "rule": "a/b", "file": "会員", "message": "m"}], "extra": {"a": [1, 2]}, "version2": 1}`,
	`{"findings": [{"fingerprint": "` + fp + `", "rule": "a/b", "file": "x", "message": "m"}], "findings": [{"count": 0}]}`,
	`{"version": 1, "findings": {"a": 1}}`,
	`{"version": 1}`,
	`{}`,
	`[]`,
	`[{"version": 1}]`,
	`"text"`,
	`1`,
	`null`,
	`{"version": 1, "findings": [{"fingerprint": "` + fp + `", "rule": "a/b", "file": "x", "message": "m"}]} {"second": 1}`,
	`{"version": 1, "findings": [{"fingerprint": "` + fp + `", "rule": "a/b", "file": "x", "message": "m"}]} garbage`,
	`{"version": 1, "findings": [}`,
	"\xef\xbb\xbf{\"version\": 1, \"findings\": []}",
	``,
	`   `,
	`{"version": 1, "findings": [{"fingerprint": "` + fp + `", "rule": "a/b", "file": "x\ud800", "message": "m\u2028"}]}`,
	`{"version": 1, "findings": [{"fingerprint": "` + fp + `", "rule": "a/b", "file": "x", "message": "m"}` + "\t]\t,\n\"v\": [\n1]}",
	// A duplicate key on a later line quotes the line of the first.
	"{\"version\": 1, \"findings\": [\n{\"rule\": \"a/b\",\n \"rule\": \"a/c\"}]}",
	// Nesting under the limit in an entry alone, over it in the file.
	`{"version": 1, "findings": [{"fingerprint": "` + fp + `", "rule": "a/b", "file": "x", "message": "m", "x": ` + strings.Repeat("[", 98) + strings.Repeat("]", 98) + `}]}`,
}

func TestStreamBaselineAsWhole(t *testing.T) {
	for _, c := range baselineCases {
		sameAsWhole(t, []byte(c))
	}
	for _, name := range []string{"../../testdata/corpus/baseline"} {
		entries, err := os.ReadDir(name)
		require.NoError(t, err)
		for _, e := range entries {
			data, err := os.ReadFile(name + "/" + e.Name())
			require.NoError(t, err)
			sameAsWhole(t, data)
		}
	}
}

// A baseline as -write-baseline writes it goes the fast way only.
func TestStreamBaselineWritten(t *testing.T) {
	var diags catalog.Diagnostics
	for i := range 200 {
		diags = append(diags, catalog.Diagnostic{Rule: "lifecycle/missing-event", Pos: catalog.Pos{File: fmt.Sprintf("ops/%d.yaml", i%7)},
			Path: "/spec/lifecycle", Message: fmt.Sprintf("service %q does not design \"its\" retire (廃止) event\\", fmt.Sprint(i%50))})
	}
	var b strings.Builder
	require.NoError(t, NewBaseline("", diags).Write(&b))
	data := []byte(b.String())
	sc, ok := scanBaseline(data)
	require.True(t, ok)
	require.Len(t, sc.elements, len(NewBaseline("", diags).Entries))
	for _, el := range sc.elements {
		_, fast := fastEntry(data[el.start:el.end])
		assert.True(t, fast, "%s", data[el.start:el.end])
	}
	sameAsWhole(t, data)
}

// FuzzStreamBaseline holds the streaming reader to the whole-document
// parse on any bytes.
func FuzzStreamBaseline(f *testing.F) {
	for _, c := range baselineCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsWhole(t, data)
	})
}

// BenchmarkReadBaseline50k reads a baseline of 50,000 entries (15.6 MB of
// JSON, as -write-baseline writes it) streamed, against the former
// whole-document parse of the same bytes in the same run (/whole), and
// encoding/json unmarshalling it into entries, with no positions, as the
// floor (/json-unmarshal). peak-MB is the heap in use after the read,
// with the result alive.
func BenchmarkReadBaseline50k(b *testing.B) {
	var diags catalog.Diagnostics
	for i := range 50_000 {
		diags = append(diags, catalog.Diagnostic{Rule: "lifecycle/missing-event", Pos: catalog.Pos{File: fmt.Sprintf("ops/design-%04d.yaml", i/100)},
			Path: "/spec/lifecycle", Message: fmt.Sprintf("service \"svc-%d\" does not design its retire (廃止) event; write it or mark it notApplicable with a reason", i)})
	}
	var sb strings.Builder
	require.NoError(b, NewBaseline("", diags).Write(&sb))
	data := []byte(sb.String())
	b.Logf("%.1f MB, %d entries", float64(len(data))/1e6, len(diags))
	run := func(name string, read func() int) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			var peak uint64
			for b.Loop() {
				runtime.GC()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				n := read()
				runtime.ReadMemStats(&after)
				if n != 50_000 {
					b.Fatal(n)
				}
				peak = max(peak, after.HeapAlloc-min(after.HeapAlloc, before.HeapAlloc))
			}
			b.ReportMetric(float64(peak)/1e6, "peak-MB")
		})
	}
	run("json-unmarshal", func() int {
		var f baselineFile
		require.NoError(b, json.Unmarshal(data, &f))
		return len(f.Findings)
	})
	run("whole", func() int { bl, _ := parseBaselineDoc("b.json", data, ""); return len(bl.Entries) })
	run("stream", func() int { bl, _ := streamBaseline("b.json", data, ""); return len(bl.Entries) })
}
