package eventlog_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"iter"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf16"

	"github.com/opsdesign/opsdesign/catalog/diag"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/slo/eventlog"
)

type reader func(io.Reader, string, eventlog.Options) iter.Seq2[eventlog.Record, error]

// readAll drains a reader: the records, and the problems written as
// "rule line:column [pointer]". Any error other than a diagnostic fails.
func readAll(t *testing.T, read reader, input string, o eventlog.Options) ([]eventlog.Record, []string) {
	t.Helper()
	var recs []eventlog.Record
	var probs []string
	for rec, err := range read(strings.NewReader(input), "e", o) {
		if err != nil {
			var d diag.Diagnostic
			require.True(t, errors.As(err, &d), "not a diagnostic: %v", err)
			require.Equal(t, "e", d.Pos.File)
			require.NotEmpty(t, d.Message)
			k := d.Rule + " " + strconv.Itoa(d.Pos.Line) + ":" + strconv.Itoa(d.Pos.Column)
			if d.Path != "" {
				k += " " + d.Path
			}
			probs = append(probs, k)
			continue
		}
		// Every record is placed; TestRecordPos checks where.
		require.Equal(t, "e", rec.Pos.File)
		require.Positive(t, rec.Pos.Line)
		require.Positive(t, rec.Pos.Column)
		rec.Pos, rec.Path = diag.Pos{}, ""
		recs = append(recs, rec)
	}
	return recs, probs
}

// A record knows where its timestamp is, for findings about its time.
func TestRecordPos(t *testing.T) {
	where := func(read reader, in string) []string {
		var out []string
		for rec, err := range read(strings.NewReader(in), "e", eventlog.Options{}) {
			require.NoError(t, err)
			out = append(out, rec.Pos.String()+" "+rec.Path)
		}
		return out
	}
	assert.Equal(t, []string{"e:2:6 /timestamp", "e:4:6 /timestamp"},
		where(eventlog.ReadCSV, "good,timestamp\ntrue,2026-11-01T00:00:00Z\n\n\"ok\",2026-11-01T00:01:00Z\n"))
	assert.Equal(t, []string{"e:1:1 ", "e:2:1 "}, where(eventlog.ReadCSV, "2026-11-01T00:00:00Z,good\n1793523660,bad\n"))
	assert.Equal(t, []string{"e:1:22 /ts", "e:2:10 /time"},
		where(eventlog.ReadJSONL, `{"good": true, "ts": "2026-11-01T00:00:00Z"}`+"\n"+`{"time": 1793523660, "ok": 0}`+"\n"))
}

var (
	t0 = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	t1 = t0.Add(time.Minute)
)

func good(at time.Time, g bool) eventlog.Record {
	return eventlog.Record{Event: slo.Event{At: at, Good: g}, HasGood: true}
}

func latency(at time.Time, d time.Duration) eventlog.Record {
	return eventlog.Record{Event: slo.Event{At: at, Good: true, Latency: d}, HasLatency: true}
}

type readCase struct {
	name  string
	in    string
	max   int
	want  []eventlog.Record
	probs []string
}

func runCases(t *testing.T, read reader, cases []readCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			recs, probs := readAll(t, read, tc.in, eventlog.Options{MaxRowBytes: tc.max})
			assert.Equal(t, tc.probs, probs)
			assert.Equal(t, tc.want, recs)
		})
	}
}

func TestReadCSV(t *testing.T) {
	tokyo := time.FixedZone("", 9*3600)
	runCases(t, eventlog.ReadCSV, []readCase{
		{name: "header good", in: "timestamp,good\n2026-11-01T00:00:00Z,true\n2026-11-01T00:01:00Z,bad\n",
			want: []eventlog.Record{good(t0, true), good(t1, false)}},
		{name: "header names in any case, BOM, CRLF, blank lines, other columns",
			in: "\ufeff Time ,Path,STATUS,Latency\r\n\r\n2026-11-01T09:00:00+09:00,/a,OK,120ms\r\n   \r\n2026-11-01 00:01:00,/b,failure,1.5s\r\n",
			want: []eventlog.Record{{Event: slo.Event{At: t0.In(tokyo), Good: true, Latency: 120 * time.Millisecond}, HasGood: true, HasLatency: true},
				{Event: slo.Event{At: t1, Good: false, Latency: 1500 * time.Millisecond}, HasGood: true, HasLatency: true}}},
		{name: "unix seconds and milliseconds", in: "ts,latency_ms\n1761955200,120\n1761955260.5,0.25\n",
			want: []eventlog.Record{latency(time.Unix(1761955200, 0).UTC(), 120*time.Millisecond), latency(time.Unix(1761955260, 5e8).UTC(), 250*time.Microsecond)}},
		{name: "no header: good/bad or a latency", in: "2026-11-01T00:00:00Z,ok\n2026-11-01T00:01:00Z,\"1.2s\"\n2026-11-01T00:01:00Z,0\n",
			want: []eventlog.Record{good(t0, true), latency(t1, 1200*time.Millisecond), good(t1, false)}},
		{name: "quoted fields", in: "\"time\",\"a, \"\"b\"\"\",good\n\"2026-11-01T00:00:00Z\",\"x,y\",\"yes\"\n",
			want: []eventlog.Record{good(t0, true)}},

		{name: "bare quote", in: "ts,good\n2026-11-01T00:00:00Z,go\"od\n2026-11-01T00:01:00Z,good\n",
			want: []eventlog.Record{good(t1, true)}, probs: []string{"events/bad-csv 2:24"}},
		{name: "quote left open", in: "2026-11-01T00:00:00Z,\"good\n2026-11-01T00:01:00Z,good\"\n2026-11-01T00:01:00Z,bad\n",
			want: []eventlog.Record{good(t1, false)}, probs: []string{"events/bad-csv 1:22", "events/bad-csv 2:26"}},
		{name: "text after the closing quote", in: "2026-11-01T00:00:00Z,\"good\"x\n",
			probs: []string{"events/bad-csv 1:28"}},

		{name: "lone CR line ends", in: "ts,good\r2026-11-01T00:00:00Z,good\r2026-11-01T00:01:00Z,maybe\r\r2026-11-01T00:01:00Z,bad",
			want: []eventlog.Record{good(t0, true), good(t1, false)}, probs: []string{"events/bad-outcome 3:22 /good"}},
		{name: "UTF-16 with its byte-order mark", in: utf16LE("ts,good\r\n2026-11-01T00:00:00Z,良\r\n2026-11-01T00:01:00Z,bad\r\n", true),
			want: []eventlog.Record{good(t1, false)}, probs: []string{"events/bad-outcome 2:22 /good"}},
		{name: "UTF-16 without one", in: utf16LE("ts,good\n2026-11-01T00:00:00Z,true\n", false),
			want: []eventlog.Record{good(t0, true)}},
		{name: "a quoted field over two lines", in: "ts,note,good\n2026-11-01T00:00:00Z,\"one\ntwo\",good\n2026-11-01T00:01:00Z,,bad\n",
			want: []eventlog.Record{good(t1, false)}, probs: []string{"events/bad-csv 2:22", "events/bad-csv 3:4"}},

		{name: "row too long", max: 40, in: "ts,good\n2026-11-01T00:00:00Z,good" + strings.Repeat(" ", 40) + "\n2026-11-01T00:01:00Z,good\n",
			want: []eventlog.Record{good(t1, true)}, probs: []string{"events/row-too-long 2:0"}},
		{name: "row of exactly the limit", max: 25, in: "2026-11-01T00:00:00Z,good\r\n",
			want: []eventlog.Record{good(t0, true)}},

		{name: "no timestamp column", in: "when,latency_ms\n2026-11-01T00:00:00Z,120\n",
			probs: []string{"events/missing-column 1:0"}},
		{name: "no outcome column", in: "\n\ntimestamp,path\n2026-11-01T00:00:00Z,/\n",
			probs: []string{"events/missing-column 3:0"}},
		{name: "a broken first timestamp makes a header", in: "yesterday,good\n2026-11-01T00:00:00Z,good\n",
			probs: []string{"events/missing-column 1:0"}},

		{name: "duplicate columns", in: "timestamp,latency,ts,latency_ms,latency\n2026-11-01T00:00:00Z,120ms,x,y,z\n",
			want:  []eventlog.Record{latency(t0, 120*time.Millisecond)},
			probs: []string{"events/duplicate-column 1:19 /ts", "events/duplicate-column 1:22 /latency_ms", "events/duplicate-column 1:33 /latency"}},

		{name: "empty value", in: "timestamp,good\n2026-11-01T00:00:00Z, \n", probs: []string{"events/missing-value 2:22 /good"}},
		{name: "empty timestamp", in: "good,timestamp\ntrue,\n", probs: []string{"events/missing-value 2:6 /timestamp"}},
		{name: "short row", in: "timestamp,latency,good\n2026-11-01T00:00:00Z,120\n",
			probs: []string{"events/missing-value 2:25 /good"}},
		{name: "no outcome without a header", in: "2026-11-01T00:00:00Z\n2026-11-01T00:01:00Z,\n",
			probs: []string{"events/missing-value 1:21", "events/missing-value 2:22"}},

		{name: "bad time, columns in characters", in: "名前,timestamp,good\nサーバー,2026-13-01T00:00:00Z,good\n",
			probs: []string{"events/bad-time 2:6 /timestamp"}},
		{name: "bad time and bad outcome", in: "time,ok\nnoon,maybe\n", probs: []string{"events/bad-time 2:1 /time", "events/bad-outcome 2:6 /ok"}},
		{name: "time before 1970", in: "1969-12-31T23:59:59Z,good\n", probs: []string{"events/missing-column 1:0"}},
		{name: "time before 1970 in a later row", in: "ts,good\n1969-12-31T23:59:59Z,good\n-1,good\n", probs: []string{"events/bad-time 2:1 /ts", "events/bad-time 3:1 /ts"}},

		{name: "bad outcome", in: "timestamp,status\n2026-11-01T00:00:00Z,503\n", probs: []string{"events/bad-outcome 2:22 /status"}},
		{name: "bad outcome without a header", in: "2026-11-01T00:00:00Z,good\n2026-11-01T00:01:00Z,maybe\n",
			want: []eventlog.Record{good(t0, true)}, probs: []string{"events/bad-outcome 2:22"}},

		{name: "duration in a milliseconds column", in: "timestamp,latency_ms\n2026-11-01T00:00:00Z,120ms\n", probs: []string{"events/bad-latency 2:22 /latency_ms"}},
		{name: "negative latency", in: "timestamp,latency\n2026-11-01T00:00:00Z,-5ms\n2026-11-01T00:00:00Z,-5\n2026-11-01T00:00:00Z,NaN\n",
			probs: []string{"events/bad-latency 2:22 /latency", "events/bad-latency 3:22 /latency", "events/bad-latency 4:22 /latency"}},
	})
}

func TestReadJSONL(t *testing.T) {
	runCases(t, eventlog.ReadJSONL, []readCase{
		{name: "keys and values", in: "\ufeff{\"ts\": \"2026-11-01T00:00:00Z\", \"good\": true}\n\n" +
			"{\"Time\": 1761955200, \"latency\": 12.5, \"path\": {\"a\": [\"}\"]}}\r\n" +
			"  {\"at\": \"2026-11-01 00:01:00\", \"ok\": \"FAIL\", \"latency_ms\": \"7\", \"x\": null}\n" +
			"{\"timestamp\": \"2026-11-01T00:01:00Z\", \"success\": 0, \"duration\": \"1s\"}\n" +
			"{\"ts\": \"2026-11-01T00:01:00Z\", \"good\": null, \"latency\": \"\\u0031ms\"}\n",
			want: []eventlog.Record{good(t0, true), latency(time.Unix(1761955200, 0).UTC(), 12500*time.Microsecond),
				{Event: slo.Event{At: t1, Good: false, Latency: 7 * time.Millisecond}, HasGood: true, HasLatency: true},
				{Event: slo.Event{At: t1, Good: false, Latency: time.Second}, HasGood: true, HasLatency: true},
				latency(t1, time.Millisecond)}},

		{name: "lone CR and UTF-16", in: utf16LE("{\"ts\": 1761955200, \"good\": true}\r{\"ts\": \"noon\", \"good\": true}\r", true),
			want:  []eventlog.Record{good(time.Unix(1761955200, 0).UTC(), true)},
			probs: []string{"events/bad-time 2:8 /ts"}},
		{name: "syntax", in: "{\"ts\": 1761955200, \"good\": true,}\n{\"ts\": 1761955200, \"good\": true}\n",
			want:  []eventlog.Record{good(time.Unix(1761955200, 0).UTC(), true)},
			probs: []string{"events/bad-json 1:33"}},
		{name: "cut inside a character", in: "{\"\xe7\xa1\xa1\"\n{\"硡", probs: []string{"events/bad-json 1:4", "events/bad-json 2:3"}},
		{name: "not an object", in: "[1]\n  \"ts\"\n{\"ts\": 1\n", probs: []string{"events/bad-json 1:1", "events/bad-json 2:3", "events/bad-json 3:8"}},
		{name: "row too long", max: 30, in: "{\"ts\": 1761955200, \"good\": true, \"x\": 1}\n{\"ts\": 1761955200, \"good\": 1}",
			want: []eventlog.Record{good(time.Unix(1761955200, 0).UTC(), true)}, probs: []string{"events/row-too-long 1:0"}},

		{name: "duplicate keys", in: "{\"ts\": 1761955200, \"time\": \"x\", \"good\": true, \"good\": false, \"latency\": 1, \"duration_ms\": \"y\"}\n",
			want:  []eventlog.Record{{Event: slo.Event{At: time.Unix(1761955200, 0).UTC(), Good: true, Latency: time.Millisecond}, HasGood: true, HasLatency: true}},
			probs: []string{"events/duplicate-column 1:20 /time", "events/duplicate-column 1:47 /good", "events/duplicate-column 1:76 /duration_ms"}},

		{name: "no timestamp", in: "{\"good\": true}\n{\"ts\": null, \"good\": true}\n", probs: []string{"events/missing-value 1:0", "events/missing-value 2:0"}},
		{name: "no outcome", in: "{\"ts\": 1761955200, \"path\": \"/\"}\n", probs: []string{"events/missing-value 1:0"}},
		{name: "empty values", in: "{\"ts\": \"\", \"good\": \" \"}\n", probs: []string{"events/missing-value 1:8 /ts", "events/missing-value 1:20 /good"}},

		{name: "bad time, columns in characters", in: "{\"メモ\": \"日本語\", \"ts\": \"2026-11-01T00:00:60Z\", \"good\": true}\n",
			probs: []string{"events/bad-time 1:21 /ts"}},
		{name: "time of the wrong type", in: "{\"ts\": true, \"good\": true}\n{\"ts\": [1], \"good\": true}\n{\"ts\": -1, \"good\": true}\n",
			probs: []string{"events/bad-time 1:8 /ts", "events/bad-time 2:8 /ts", "events/bad-time 3:8 /ts"}},

		{name: "bad outcome", in: "{\"ts\": 1761955200, \"status\": 200}\n{\"ts\": 1761955200, \"ok\": {}}\n{\"ts\": 1761955200, \"ok\": \"maybe\"}\n",
			probs: []string{"events/bad-outcome 1:30 /status", "events/bad-outcome 2:26 /ok", "events/bad-outcome 3:26 /ok"}},

		{name: "bad latency", in: "{\"ts\": 1761955200, \"latency_ms\": \"120ms\"}\n{\"ts\": 1761955200, \"latency\": false}\n{\"ts\": 1761955200, \"latency\": 1e13}\n",
			probs: []string{"events/bad-latency 1:34 /latency_ms", "events/bad-latency 2:31 /latency", "events/bad-latency 3:31 /latency"}},
		{name: "pointer escapes", in: "{\"ts\": 1761955200, \" Latency \": \"x\"}\n", probs: []string{"events/bad-latency 1:33 / Latency "}},
	})
}

// utf16LE writes s in UTF-16, little-endian, as Excel writes "Unicode
// text", with or without the byte-order mark.
func utf16LE(s string, mark bool) string {
	units := utf16.Encode([]rune(s))
	if mark {
		units = append([]uint16{0xfeff}, units...)
	}
	b := make([]byte, 2*len(units))
	for i, u := range units {
		binary.LittleEndian.PutUint16(b[2*i:], u)
	}
	return string(b)
}

// Every rule the readers report is documented, and every documented rule
// is reported by a case above (checked by name here).
func TestRules(t *testing.T) {
	rules := eventlog.Rules()
	require.Len(t, rules, 12)
	for i, r := range rules {
		assert.True(t, strings.HasPrefix(r.ID, "events/"), r.ID)
		assert.NotEmpty(t, r.Doc, r.ID)
		if i > 0 {
			assert.Less(t, rules[i-1].ID, r.ID, "in ID order")
		}
		want := diag.Error
		if r.ID == eventlog.RuleDuplicateColumn || r.ID == eventlog.RuleAfterNow {
			want = diag.Warning
		}
		assert.Equal(t, want, r.Severity, r.ID)
	}
	rules[0].ID = "changed"
	assert.NotEqual(t, "changed", eventlog.Rules()[0].ID, "a fresh slice on every call")
}

// An error reading the file ends the sequence, wrapped; what came before
// it is kept.
func TestReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	for name, read := range map[string]reader{"csv": eventlog.ReadCSV, "jsonl": eventlog.ReadJSONL} {
		t.Run(name, func(t *testing.T) {
			line := "2026-11-01T00:00:00Z,good\n"
			if name == "jsonl" {
				line = "{\"ts\": \"2026-11-01T00:00:00Z\", \"good\": true}\n"
			}
			r := io.MultiReader(strings.NewReader(line), iotest.ErrReader(boom))
			var n int
			var last error
			for _, err := range read(r, "e", eventlog.Options{}) {
				if err != nil {
					last = err
					continue
				}
				n++
			}
			assert.Equal(t, 1, n)
			require.ErrorIs(t, last, boom)
			var d diag.Diagnostic
			assert.False(t, errors.As(last, &d), "not a diagnostic")
		})
	}
}

// A consumer may stop at any point, on a record or on a diagnostic.
func TestReadStops(t *testing.T) {
	in := "ts,good\n2026-11-01T00:00:00Z,maybe\n2026-11-01T00:00:00Z,good\n2026-11-01T00:01:00Z,good\n"
	for stopAt := 1; stopAt <= 3; stopAt++ {
		n := 0
		for range eventlog.ReadCSV(strings.NewReader(in), "e", eventlog.Options{}) {
			n++
			if n == stopAt {
				break
			}
		}
		assert.Equal(t, stopAt, n)
	}
}

// A runaway line is skipped, not held: reading a 32 MiB line with a 1 KiB
// limit allocates about what a short file does.
func TestRunawayLineIsNotHeld(t *testing.T) {
	for name, read := range map[string]reader{"csv": eventlog.ReadCSV, "jsonl": eventlog.ReadJSONL} {
		next := "2026-11-01T00:01:00Z,good\n"
		if name == "jsonl" {
			next = "{\"ts\": 1761955200, \"good\": true}\n"
		}
		huge := "2026-11-01T00:00:00Z,\"" + strings.Repeat("x", 32<<20) + "\n" + next
		var probs []string
		var recs int
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for _, err := range read(strings.NewReader(huge), "e", eventlog.Options{MaxRowBytes: 1 << 10}) {
			var d diag.Diagnostic
			if errors.As(err, &d) {
				probs = append(probs, d.Rule+" "+d.Pos.String())
			} else if err == nil {
				recs++
			}
		}
		runtime.ReadMemStats(&after)
		assert.Equal(t, []string{"events/row-too-long e:1"}, probs, name)
		assert.Equal(t, 1, recs, name)
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "%s: bytes allocated", name)
	}
}

// Both readers give the same events for the same log.
func TestCSVAndJSONLAgree(t *testing.T) {
	var csv, jsonl bytes.Buffer
	csv.WriteString("timestamp,good,latency_ms\n")
	for i := range 200 {
		at := t0.Add(time.Duration(i) * 1500 * time.Millisecond).Format(time.RFC3339Nano)
		g := i%7 != 0
		csv.WriteString(at + "," + strconv.FormatBool(g) + "," + strconv.Itoa(i*3) + "\n")
		jsonl.WriteString("{\"timestamp\": \"" + at + "\", \"good\": " + strconv.FormatBool(g) + ", \"latency_ms\": " + strconv.Itoa(i*3) + "}\n")
	}
	a, pa := readAll(t, eventlog.ReadCSV, csv.String(), eventlog.Options{})
	b, pb := readAll(t, eventlog.ReadJSONL, jsonl.String(), eventlog.Options{})
	assert.Empty(t, pa)
	assert.Empty(t, pb)
	assert.Len(t, a, 200)
	assert.Equal(t, a, b)
}

// A line longer than the reader's buffer is put together when it is
// within the limit, and cut when it is not, at its end of file too.
func TestLongLines(t *testing.T) {
	long := "2026-11-01T00:00:00Z,good," + strings.Repeat("長", 50_000) // 150 kB
	for _, tc := range []struct {
		name, in string
		max      int
		recs     int
		probs    []string
	}{
		{"within the limit", "ts,good,note\n" + long + "\n2026-11-01T00:01:00Z,bad,x\n", 0, 2, nil},
		{"within the limit, last line", "ts,good,note\n" + long, 0, 1, nil},
		{"over the limit", "ts,good,note\n" + long + "\n2026-11-01T00:01:00Z,bad,x\n", 100_000, 1, []string{"events/row-too-long 2:0"}},
		{"over the limit, last line", "ts,good,note\n" + long, 100_000, 0, []string{"events/row-too-long 2:0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs, probs := readAll(t, eventlog.ReadCSV, tc.in, eventlog.Options{MaxRowBytes: tc.max})
			assert.Len(t, recs, tc.recs)
			assert.Equal(t, tc.probs, probs)
		})
	}
}

// endless is a log that never ends, as a FIFO fed forever.
type endless struct{ line string }

func (e endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		n += copy(p[n:], e.line)
	}
	return n, nil
}

// The reproduction: an endless stream read as events ran forever,
// printing nothing. Under MaxStreamBytes it stops with a finding at the
// line the limit cut, and the events before it are kept.
func TestStreamLimit(t *testing.T) {
	for _, tc := range []struct {
		read reader
		line string
	}{
		{eventlog.ReadCSV, "2026-11-01T00:00:00Z,good\n"},                   // 26 bytes
		{eventlog.ReadJSONL, `{"ts":"2026-11-01T00:00:00Z","ok":1}` + "\n"}, // 37 bytes
	} {
		var recs int
		var probs []string
		for _, err := range tc.read(endless{tc.line}, "e", eventlog.Options{MaxStreamBytes: 100 * int64(len(tc.line))}) {
			var d diag.Diagnostic
			if errors.As(err, &d) {
				probs = append(probs, d.Rule+" "+d.Pos.String())
				assert.Contains(t, d.Message, "reading stopped at this line")
				continue
			}
			require.NoError(t, err)
			recs++
		}
		assert.Equal(t, 100, recs)
		assert.Equal(t, []string{"events/stream-limit e:101"}, probs)
	}
}
