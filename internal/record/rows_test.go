package record

import (
	"errors"
	"strings"
	"testing"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testRules = Rules{Syntax: "x/bad-csv", TooLong: "x/row-too-long", StreamLimit: "x/stream-limit",
	Severity: func(string) diag.Severity { return diag.Error }, Skipped: "; the line is skipped", Limit: ": stopped", Name: "x"}

// each runs Each over a CSV input, writing what it hands on as
// "line: fields" and what it yields as "rule line:column: message".
func each(t *testing.T, in string, o Options) (out []string, atEnd bool) {
	t.Helper()
	yield := func(_ struct{}, err error) bool {
		var d diag.Diagnostic
		require.True(t, errors.As(err, &d), "%v", err)
		out = append(out, d.String())
		return true
	}
	atEnd = Each(NewCSV(strings.NewReader(in), o).Read, "in.csv", testRules, yield, func(r *Record) bool {
		if !r.Blank() {
			out = append(out, strings.Join(r.Fields, "|"))
		}
		return true
	})
	return out, atEnd
}

func TestEach(t *testing.T) {
	out, atEnd := each(t, "a,b\n  \nc\"d,e\n"+strings.Repeat("x", 40)+"\nf,g\n", Options{MaxBytes: 20})
	assert.True(t, atEnd)
	assert.Equal(t, []string{
		"a|b",
		"in.csv:3:2: error: a quote inside an unquoted field: quote the whole field and double the quote; the line is skipped [x/bad-csv]",
		"in.csv:4: error: the line is longer than 20 bytes; it is skipped [x/row-too-long]",
		"f|g",
	}, out)
}

func TestEachStopsAtTheStreamLimit(t *testing.T) {
	out, atEnd := each(t, "a,b\nc,d\ne,f\n", Options{MaxTotalBytes: 6})
	assert.False(t, atEnd, "the limit ends the reading before the end of the input")
	assert.Equal(t, []string{"a|b", "in.csv:2: error: the input goes on past the limit of 6 bytes: stopped [x/stream-limit]"}, out)
}

func TestValueEnd(t *testing.T) {
	for in, want := range map[string]int{
		`{"a": [1, "]"], "b": "\"}"} tail`: 27,
		`"a\"b" tail`:                      6,
		`12.5, 3`:                          4,
		`[1, 2`:                            5, // never closed: the end
		``:                                 0,
	} {
		assert.Equal(t, want, ValueEnd(in, 0), in)
		assert.Equal(t, want, ValueEnd([]byte(in), 0), in)
	}
}
