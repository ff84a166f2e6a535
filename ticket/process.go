package ticket

import (
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// Sink takes classified tickets one by one: Review, Inventory and Stale
// are sinks. The *Ticket is valid only during the call: a sink that keeps
// a ticket copies it (the ticket's slices and maps are its own and may be
// kept).
type Sink interface {
	Add(t *Ticket, c Class)
}

// Process streams tickets through a classifier into sinks: each ticket is
// classified once and handed to every sink, in the order of the
// sequence, then dropped. It returns the diagnostics of the import and of
// the classification, sorted, and the error that ended the sequence
// early, if any.
//
// Reading and measuring overlap: the sequence is read on a second
// goroutine, a batch of tickets ahead, while the tickets already read are
// classified and given to the sinks on the caller's goroutine (sinks are
// never called concurrently). Memory holds a few batches of tickets,
// whatever the length of the sequence; what stays is up to the sinks.
func Process(tickets iter.Seq2[Ticket, error], cl *Classifier, sinks ...Sink) (diag.List, error) {
	return process(tickets, cl, nil, sinks)
}

// process is Process counting the rows into tally (when not nil) as they
// come, where Tally would wrap the sequence and copy every ticket once
// more on its way.
func process(tickets iter.Seq2[Ticket, error], cl *Classifier, tally *counter, sinks []Sink) (diag.List, error) {
	var diags diag.List
	if tally != nil {
		defer tally.finish()
	}
	for batch := range readAhead(tickets) {
		for i := range batch {
			it := &batch[i]
			if tally != nil {
				tally.add(it.err)
			}
			if it.err != nil {
				var d diag.Diagnostic
				if errors.As(it.err, &d) {
					diags = append(diags, d)
					continue
				}
				diags.Sort()
				return diags, it.err
			}
			// The sinks get the batch's own ticket: they copy what they
			// keep, since the batch is reused.
			c, found := cl.Classify(&it.t)
			diags = append(diags, found...)
			for _, s := range sinks {
				s.Add(&it.t, c)
			}
		}
	}
	diags.Sort()
	return diags, nil
}

type item struct {
	t   Ticket
	err error
}

// batchSize is how many tickets travel between the goroutines at once:
// enough to make the hand-over cost nothing per ticket, few enough to
// keep memory small.
const batchSize = 256

// readAhead iterates a ticket sequence on its own goroutine and yields
// its items in batches, in order. Stopping early stops the reading, and
// readAhead returns only once the reading goroutine has finished, so the
// sequence's own clean-up (closing a file) has run. A panic while reading
// is raised again on the caller's goroutine.
func readAhead(tickets iter.Seq2[Ticket, error]) iter.Seq[[]item] {
	return func(yield func([]item) bool) {
		full := make(chan []item, 2)
		empty := make(chan []item, 3)
		stop := make(chan struct{})
		var panicked any
		go func() {
			defer close(full)
			defer func() { panicked = recover() }()
			batch := make([]item, 0, batchSize)
			send := func() bool {
				select {
				case full <- batch:
				case <-stop:
					return false
				}
				select {
				case batch = <-empty:
				default:
					batch = make([]item, 0, batchSize)
				}
				return true
			}
			for t, err := range tickets {
				batch = append(batch, item{t, err})
				if len(batch) == batchSize && !send() {
					return
				}
			}
			if len(batch) > 0 {
				send()
			}
		}()
		defer func() {
			close(stop)
			for range full { // let the reader finish and clean up
			}
			if panicked != nil {
				panic(panicked)
			}
		}()
		for batch := range full {
			if !yield(batch) {
				return
			}
			// The batch is not cleared: the next tickets overwrite it, and
			// clearing first would write every ticket's place twice (with
			// the collector's write barriers while it runs). What a
			// batch in the pool still holds is a few batches' worth.
			select {
			case empty <- batch[:0]:
			default:
			}
		}
	}
}

// ErrFormat is returned (wrapped) by ReadFile for a file whose format it
// cannot tell from its name.
var ErrFormat = errors.New("ticket: unknown ticket file format")

// ReadFile reads the tickets of a file by its extension: .csv (or .tsv,
// tab-separated) with the mapping, .jsonl, .ndjson or .json as JSON
// Lines. The file is opened when the sequence is iterated and closed when
// it ends. A file that is not a regular file (a FIFO, /dev/stdin) is read
// up to m.MaxStreamBytes, DefaultMaxStreamBytes when it is zero. A file
// that cannot be opened, or whose format is unknown, yields its error.
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
		if info, err := f.Stat(); err == nil && !info.Mode().IsRegular() && m.MaxStreamBytes == 0 {
			m.MaxStreamBytes = DefaultMaxStreamBytes // a stream may never end
		}
		// The sequence gets the caller's yield itself: a loop here would
		// copy every ticket once more on its way.
		seq(f)(yield)
	}
}
