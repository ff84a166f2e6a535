package record

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readJSONL reads every line of in as an object, written as the tests
// compare them: "line: key@column=value ..." or the problem.
func readJSONL(t testing.TB, r io.Reader, o Options) []string {
	t.Helper()
	var out []string
	j := NewJSONL(r, o)
	for {
		line, err := j.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err == nil {
			s := fmt.Sprintf("%d:", line.Number)
			err = line.Object(func(m Member) {
				s += fmt.Sprintf(" %s@%d=%s@%d", m.Key, line.Column(m.KeyOff), m.Value, line.Column(m.ValueOff))
			})
			if err == nil {
				out = append(out, s)
				continue
			}
		}
		var p *Problem
		require.ErrorAs(t, err, &p)
		out = append(out, fmt.Sprintf("%s %d:%d: %s", p.Kind, p.Line, p.Column, p.Msg))
	}
}

func TestJSONL(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want []string
	}{
		{"members", `{"a": 1, "b":"x" ,"c" : {"d": [1, "}"]}, "e\u00e9": null}` + "\n",
			0, []string{`1: a@2=1@7 b@10="x"@14 c@19={"d": [1, "}"]}@25 eé@42=null@53`}},
		{"columns in characters", `{"メモ": "日本語", "ts": 1}`, 0, []string{`1: メモ@2="日本語"@8 ts@15=1@21`}},
		{"blank lines, indent, mark, line ends", "\ufeff\n  \t\r\n  {\"a\":1}\r{\"b\":2}\r\n", 0, []string{`3: a@4=1@8`, `4: b@2=2@6`}},
		{"not an object", "[1]\n  \"x\"\n", 0, []string{"syntax 1:1: the line is not a JSON object", "syntax 2:3: the line is not a JSON object"}},
		{"not valid", `{"a": 1,}` + "\n" + `{"硡` + "\n", 0, []string{
			"syntax 1:9: the line is not valid JSON: invalid character '}' looking for beginning of object key string",
			"syntax 2:3: the line is not valid JSON: unexpected end of JSON input"}},
		{"too long", `{"a": "0123456789"}` + "\n" + `{"b": 1}` + "\r\n", 10, []string{"too long 1:0: longer than 10 bytes", `2: b@2=1@7`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, readJSONL(t, strings.NewReader(tt.in), Options{MaxBytes: tt.max}))
			assert.Equal(t, tt.want, readJSONL(t, iotest.OneByteReader(strings.NewReader(tt.in)), Options{MaxBytes: tt.max}), "in small reads")
		})
	}
}

func TestJSONString(t *testing.T) {
	for lit, want := range map[string]string{
		`"plain"`:        "plain",
		`"a\"b\u00e9\n"`: "a\"bé\n",
		"\"caf\xe9\"":    "caf\uFFFD",
		`""`:             "",
	} {
		got, ok := JSONString(lit)
		assert.True(t, ok, lit)
		assert.Equal(t, want, got, lit)
	}
	for _, lit := range []string{`"open`, `x`, `"\x"`, ``} {
		_, ok := JSONString(lit)
		assert.False(t, ok, lit)
	}
	assert.Zero(t, testing.AllocsPerRun(10, func() { JSONString(`"2026-11-01T00:00:00Z"`) }), "the usual literal")
}

func TestInvalidUTF8(t *testing.T) {
	value := `{"reason":"lo` + "\xff" + `st","k` + "\xfe" + `":"v","list":["ok","` + "\xff" + `"],"a/b":{"c~":"` + "\xfe" + `"}}`
	var got []string
	InvalidUTF8(value, "/parameters", func(off int, ptr string) { got = append(got, fmt.Sprintf("%d %s", off, ptr)) })
	assert.Equal(t, []string{"10 /parameters/reason", "18 /parameters/k\uFFFD", "40 /parameters/list/1", "57 /parameters/a~1b/c~0"}, got)
	for _, g := range got {
		var off int
		fmt.Sscan(g, &off)
		assert.Equal(t, byte('"'), value[off], "at a string: %s", g)
	}
}

func TestPointerAndColumn(t *testing.T) {
	assert.Equal(t, "/a~1b~0c", Pointer("a/b~c"))
	assert.Equal(t, "/ Latency ", Pointer(" Latency "))
	assert.Equal(t, 1, Column("日本", 0))
	assert.Equal(t, 2, Column("日本", 3))
	assert.Equal(t, 2, Column("日本", 4), "inside a character: that character")
	assert.Equal(t, 3, Column("日本", 6), "the end")
	assert.Equal(t, 3, Column("日本", 99), "past the end")
}
