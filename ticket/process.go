package ticket

import (
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
)

// Sink takes classified tickets one by one: Review, Inventory and Stale
// are sinks. The *Ticket is valid only during the call: a sink that keeps
// a ticket copies it (the ticket's slices and maps are its own and may be
// kept).
type Sink interface {
	Add(t *Ticket, c Class)
}

// Process streams tickets through a classifier into sinks: each ticket is
// classified once and handed to every sink, then dropped. It returns the
// diagnostics of the import and of the classification, sorted, and the
// error that ended the sequence early, if any. Processing holds one ticket
// at a time; what stays in memory is up to the sinks.
func Process(tickets iter.Seq2[Ticket, error], cl *Classifier, sinks ...Sink) (catalog.Diagnostics, error) {
	var diags catalog.Diagnostics
	var cur Ticket // one ticket at a time, reused: sinks copy what they keep
	for t, err := range tickets {
		if err != nil {
			var d catalog.Diagnostic
			if errors.As(err, &d) {
				diags = append(diags, d)
				continue
			}
			diags.Sort()
			return diags, err
		}
		cur = t
		c, found := cl.Classify(&cur)
		diags = append(diags, found...)
		for _, s := range sinks {
			s.Add(&cur, c)
		}
	}
	diags.Sort()
	return diags, nil
}

// ErrFormat is returned (wrapped) by ReadFile for a file whose format it
// cannot tell from its name.
var ErrFormat = errors.New("ticket: unknown ticket file format")

// ReadFile reads the tickets of a file by its extension: .csv (or .tsv,
// tab-separated) with the mapping, .jsonl, .ndjson or .json as JSON
// Lines. The file is opened when the sequence is iterated and closed when
// it ends. A file that cannot be opened, or whose format is unknown,
// yields its error.
func ReadFile(name string, m Mapping) iter.Seq2[Ticket, error] {
	return func(yield func(Ticket, error) bool) {
		ext := strings.ToLower(filepath.Ext(name))
		var seq func(f *os.File) iter.Seq2[Ticket, error]
		switch ext {
		case ".csv":
			seq = func(f *os.File) iter.Seq2[Ticket, error] { return ReadCSV(f, name, m) }
		case ".tsv":
			m.Comma = '\t'
			seq = func(f *os.File) iter.Seq2[Ticket, error] { return ReadCSV(f, name, m) }
		case ".jsonl", ".ndjson", ".json":
			seq = func(f *os.File) iter.Seq2[Ticket, error] { return ReadJSONL(f, name, m) }
		default:
			yield(Ticket{}, fmt.Errorf("%w: %s (want .csv, .tsv, .jsonl or .ndjson)", ErrFormat, name))
			return
		}
		f, err := os.Open(name)
		if err != nil {
			yield(Ticket{}, err)
			return
		}
		defer f.Close()
		for t, err := range seq(f) {
			if !yield(t, err) {
				return
			}
		}
	}
}
