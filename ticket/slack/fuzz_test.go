package slack_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/ticket"
	"github.com/opsdesign/opsdesign/ticket/slack"
)

// FuzzExport reads arbitrary bytes as a day file and as users.json of a
// small export: the reader must not panic or hang, every message it reads
// is counted exactly once, every inquiry counted is yielded, every finding
// is placed in a file of the export, and every ticket has an ID and a
// creation time.
func FuzzExport(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/export/*/*.json")
	corpus, _ := filepath.Glob("../../testdata/corpus/slack/*.json")
	for _, p := range append(seeds, corpus...) {
		data, err := os.ReadFile(p)
		if err == nil {
			f.Add(data, []byte(users))
		}
	}
	f.Add([]byte(`[{"ts": "1.1", "thread_ts": "1.0", "user": "U0AGENT", "text": "<https://x.slack.com/archives/C0DESK/p1000000000000000|a>"}]`), []byte(`{}`))
	f.Fuzz(func(t *testing.T, day, usersJSON []byte) {
		fsys := fstest.MapFS{
			"users.json":           {Data: usersJSON},
			"channels.json":        {Data: []byte(`[{"id": "C0DESK", "name": "desk"}]`)},
			"desk/2026-11-02.json": {Data: day},
			"desk/2026-11-03.json": {Data: day},
		}
		c := desk(slack.Agent{ID: "U0AGENT"}, slack.Agent{Name: "asker"})
		c.Workspace = "example"
		c.Resolution = slack.Resolution{Reactions: []string{"white_check_mark"}, Keywords: []string{"done"}}
		c.Workflows = []slack.Workflow{{Name: "form", Requester: "From", RequestType: "Type"}}
		c.MaxMessageBytes = 4096
		seq, tally := slack.ReadFS(fsys, "x", c)
		n := 0
		for tk, err := range seq {
			if err != nil {
				var d diag.Diagnostic
				if !asDiag(err, &d) {
					t.Fatalf("an error that is no finding: %v", err)
				}
				// The mapping's own findings are placed in the mapping,
				// nowhere for a Config written in Go.
				atMapping := d.Rule == slack.RuleUnlinkedAgent || d.Rule == slack.RuleUnknownChannel
				if !atMapping && !strings.HasPrefix(d.Pos.File, "x/") {
					t.Fatalf("a finding outside the export: %v", d)
				}
				continue
			}
			n++
			if tk.ID == "" || tk.Created.IsZero() {
				t.Fatalf("a ticket without an ID or a time: %+v", tk)
			}
		}
		if tally.Sum() != tally.Messages || tally.Inquiries != n {
			t.Fatalf("tally %+v for %d tickets", *tally, n)
		}
	})
}

func asDiag(err error, d *diag.Diagnostic) bool {
	var s *ticket.SkippedRow
	switch e := err.(type) {
	case diag.Diagnostic:
		*d = e
		return true
	case *ticket.SkippedRow:
		s = e
		*d = s.Diagnostic
		return true
	}
	return false
}
