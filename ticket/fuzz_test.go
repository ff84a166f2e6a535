package ticket_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog/diag"

	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/ticket"
)

// checkSeq drains a sequence read from memory: every error must be a
// positioned diagnostic, and every ticket must have an ID and a time.
func checkSeq(t *testing.T, name string, lines int, seq func() ([]ticket.Ticket, []error)) {
	tickets, errs := seq()
	for _, err := range errs {
		var d diag.Diagnostic
		if !errors.As(err, &d) {
			t.Fatalf("not a diagnostic: %v", err)
		}
		if d.Pos.File != name || d.Pos.Line < 1 || d.Pos.Line > lines+1 || d.Pos.Column < 0 {
			t.Fatalf("bad position %v in %q (%d lines)", d.Pos, name, lines)
		}
		if d.Rule == "" || d.Message == "" || d.Severity == 0 {
			t.Fatalf("incomplete diagnostic %#v", d)
		}
		// Findings go into JSON reports: no bad bytes from the input.
		if !utf8.ValidString(d.Path) || !utf8.ValidString(d.Message) {
			t.Fatalf("diagnostic not UTF-8: %#v", d)
		}
	}
	for _, tk := range tickets {
		if tk.ID == "" || tk.Created.IsZero() {
			t.Fatalf("ticket without ID or creation time: %#v", tk)
		}
		// Bad bytes are replaced and reported, never imported.
		for _, s := range ticketTexts(&tk) {
			if !utf8.ValidString(s) {
				t.Fatalf("text %q of ticket %q is not UTF-8", s, tk.ID)
			}
		}
		for i := 1; i < len(tk.History); i++ {
			if tk.History[i].At.Before(tk.History[i-1].At) {
				t.Fatalf("history out of order: %v", tk.History)
			}
		}
		// Every ticket goes through the clocks without trouble.
		for _, m := range []slo.Measure{slo.FirstResponse, slo.FirstResponseCompletion, slo.Resolution} {
			for _, p := range []ticket.ClockPolicy{{}, {OnSeverityChange: ticket.RestartClock, OnReopen: ticket.ReopenRestart}, {OnReopen: ticket.ReopenFirst}} {
				c := tk.Clock(m, p)
				v := c.Judge(slo.MustParseDuration("4h"), nil, tk.Created.Add(1e15))
				if v.Counted < 0 {
					t.Fatalf("negative time counted: %+v", v)
				}
			}
		}
	}
}

func drain(seq func(yield func(ticket.Ticket, error) bool)) ([]ticket.Ticket, []error) {
	var ts []ticket.Ticket
	var errs []error
	for t, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ts = append(ts, t)
	}
	return ts, errs
}

func seedFiles(f *testing.F, glob string) {
	files, _ := filepath.Glob(glob)
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	seedFiles(f, "../testdata/tickets/bad/*.csv")
	seedFiles(f, "../testdata/corpus/csv/*.csv")
	seedFiles(f, "../testdata/tickets/*export.csv")
	f.Add([]byte("id,created,history\nA,2026-10-01T09:00:00Z,\"2026-10-01T09:05:00Z waiting agent:x sev=high; 2026-10-02 10:00+09:00 closed bot forced=stale\"\n"))
	f.Add([]byte("id,title,labels,param.r\xe9,created\nA,caf\xe9,\"x,\xff\",\x81,2026-10-01T09:00:00Z\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := ticket.NativeMapping(nil)
		m.MaxRowBytes = 256
		checkSeq(t, "f.csv", lineEnds(data), func() ([]ticket.Ticket, []error) {
			return drain(ticket.ReadCSV(bytes.NewReader(data), "f.csv", m))
		})
	})
}

func FuzzReadJSONL(f *testing.F) {
	seedFiles(f, "../testdata/tickets/bad/*.jsonl")
	seedFiles(f, "../testdata/corpus/jsonl/*.jsonl")
	f.Add([]byte(`{"id":"J","created":"2026-10-01T09:00:00+09:00","history":[{"at":"2026-10-01T10:00:00+09:00","status":"resolved","actor":"agent"}],"parameters":{"n":1.5}}` + "\n"))
	f.Add([]byte(`{"id":"J","created":"2026-10-01T09:00:00Z","title":"caf` + "\xe9" + `","parameters":{"k` + "\xfe" + `":["` + "\xff" + `"]},"id":"K"}` + "\n" + `{"title":"t"}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := ticket.NativeMapping(nil)
		m.MaxRowBytes = 512
		checkSeq(t, "f.jsonl", lineEnds(data), func() ([]ticket.Ticket, []error) {
			return drain(ticket.ReadJSONL(bytes.NewReader(data), "f.jsonl", m))
		})
	})
}

// lineEnds counts the line ends of data as the readers do: "\n",
// "\r\n" or a lone "\r". The readers decode a UTF-16 input (a byte-order
// mark, or a NUL among the first two bytes), whose line ends are not
// those of its bytes: for it, the bytes that can end a line bound them.
func lineEnds(data []byte) int {
	if len(data) >= 2 && (data[0] == 0 || data[1] == 0 || bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff"))) {
		return bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r"))
	}
	return len(regexp.MustCompile("\r\n|\r|\n").FindAllIndex(data, -1))
}

func FuzzTerms(f *testing.F) {
	for _, s := range []string{"ポイントが反映されない", "[cust-a/db01] ディスク使用率 90%超過", "ＶＰＮにつながらない", "使えない漢字々"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		for _, w := range ticket.Terms(title) {
			if w == "" || strings.ContainsAny(w, " \t\n") || !utf8.ValidString(w) && utf8.ValidString(title) {
				t.Fatalf("bad term %q from %q", w, title)
			}
		}
	})
}

// FuzzParseMapping reads any text as a TicketMapping: never a panic,
// every finding at a line of the text, and a mapping that reads a header
// and a row whatever it says.
func FuzzParseMapping(f *testing.F) {
	for _, name := range ticket.Presets() {
		data, _ := ticket.PresetSource(name)
		f.Add(data)
	}
	seedFiles(f, "../testdata/tickets/*.yaml")
	f.Add([]byte("apiVersion: opsdesign/v1\nkind: TicketMapping\nmetadata: {name: x}\nspec:\n  extends: zendesk\n  parameters: {customFields: [\"{name}{type}\"]}\n  time: {zone: Asia/Tokio, layouts: [\"15:04\"]}\n  delimiter: \";;\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, found, err := ticket.ParseMapping("m.yaml", data)
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, d := range found {
			if d.Rule == "" || d.Pos.File != "m.yaml" || d.Pos.Line < 0 || d.Pos.Line > lines {
				t.Fatalf("bad finding %#v in %d lines", d, lines)
			}
		}
		if err != nil {
			return
		}
		csv := "id,created,Status,Priority,Member ID [txt],Custom field (X)\nA,2026-10-01 09:00,open,High,M1,x\n"
		checkSeq(t, "f.csv", 2, func() ([]ticket.Ticket, []error) {
			return drain(ticket.ReadCSV(strings.NewReader(csv), "f.csv", m))
		})
	})
}
