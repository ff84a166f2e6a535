package conctest_test

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/openslo"
	"github.com/opsdesign/opsdesign/catalog/render"
	"github.com/opsdesign/opsdesign/catalog/report"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/ticket"
)

// goroutines share the design; more than the machine's CPUs, so that they
// interleave even on a small machine.
const goroutines = 16

// now is the instant every evaluation is made at, so results do not depend
// on when the test runs.
var now = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// shared is what the goroutines share: loaded once, read by all.
type shared struct {
	design     *catalog.Design
	linter     *catalog.Linter
	classifier *ticket.Classifier
	tickets    []byte // a ticket export, read by every goroutine
	inquiries  []byte // a JSON Lines export
	events     []slo.Event
}

// outcome is everything one goroutine computes, as text or plain values so
// that two outcomes compare with ==.
type outcome struct {
	lint, coverage, scorecards, markdown, html, openslo string
	objectives                                          string
	review, inventory, stale                            string
	ticketDiags                                         string
}

func load(t *testing.T) *shared {
	t.Helper()
	d, err := catalog.Load("../../testdata/sample")
	require.NoError(t, err)
	tickets, err := os.ReadFile("../../testdata/tickets/msp-2026-10.csv")
	require.NoError(t, err)
	inquiries, err := os.ReadFile("../../testdata/tickets/inquiries-2026-08-10.jsonl")
	require.NoError(t, err)
	// A week of events, one a minute, one in fifty bad.
	events := make([]slo.Event, 0, 7*24*60)
	for i := range 7 * 24 * 60 {
		events = append(events, slo.Event{At: now.Add(-time.Duration(i) * time.Minute), Good: i%50 != 0, Latency: time.Duration(i%400) * time.Millisecond})
	}
	return &shared{
		design:     d,
		linter:     &catalog.Linter{Rules: rules.All(), Now: func() time.Time { return now }},
		classifier: ticket.NewClassifier(d),
		tickets:    tickets,
		inquiries:  inquiries,
		events:     events,
	}
}

// evaluate runs every read-only operation on the shared values. It may run
// on any goroutine, so it reports with assert, never require.
func (s *shared) evaluate(t *testing.T) outcome {
	var o outcome
	d := s.design
	findings := s.linter.Lint(d)
	o.lint = text(t, func(b *bytes.Buffer) error {
		return report.Write(b, report.JSON, findings, report.Options{})
	})

	roster, _ := d.Roster()
	from, to := roster.Period(now)
	cov, err := roster.Coverage(from, to)
	assert.NoError(t, err)
	o.coverage = fmt.Sprintf("%+v", *cov)

	for _, sc := range d.Scorecards {
		for _, score := range sc.Evaluate(d, findings) {
			o.scorecards += fmt.Sprintf("%s %s %s %d\n", sc.Name, score.Service.Name, score.LevelName(), len(score.Failed()))
		}
	}
	o.markdown = text(t, func(b *bytes.Buffer) error { return render.Markdown(b, d, render.Options{}) })
	o.html = text(t, func(b *bytes.Buffer) error { return render.HTML(b, d, render.Options{}) })
	for _, to := range openslo.Versions() {
		o.openslo += text(t, func(b *bytes.Buffer) error {
			if _, err := openslo.Export(b, d, to); err != nil {
				return err
			}
			_, err := openslo.Convert(b, d, to)
			return err
		})
	}

	for _, obj := range d.Objectives {
		if obj.Err() != nil {
			continue
		}
		if obj.Kind == slo.AttainmentObjective {
			continue // evaluated through the ticket review below
		}
		r, err := obj.EvaluateEvents(s.events, now)
		assert.NoError(t, err)
		o.objectives += fmt.Sprintf("%s %+v\n", obj.Name, r)
	}

	// One ticket stream per goroutine through the shared classifier.
	review, err := ticket.NewReview(ticket.ReviewConfig{Design: d, Objectives: ticket.DesignObjectives(d)})
	assert.NoError(t, err)
	diags, err := ticket.Process(ticket.ReadCSV(bytes.NewReader(s.tickets), "msp.csv", ticket.NativeMapping(nil)), s.classifier, review)
	assert.NoError(t, err)
	o.review = text(t, func(b *bytes.Buffer) error { return review.Report().Write(b, ticket.JSON) })

	policies, err := ticket.StalePolicies(d)
	assert.NoError(t, err)
	inventory := ticket.NewInventory(ticket.InventoryConfig{Design: d})
	stale := ticket.NewStale(ticket.StaleConfig{Policies: policies, DryRun: true})
	more, err := ticket.Process(ticket.ReadJSONL(bytes.NewReader(s.inquiries), "inquiries.jsonl", ticket.NativeMapping(nil)), s.classifier, inventory, stale)
	assert.NoError(t, err)
	o.inventory = text(t, func(b *bytes.Buffer) error { return inventory.Report().Write(b, ticket.JSON) })
	o.stale = text(t, func(b *bytes.Buffer) error { return stale.Report().Write(b, ticket.JSON) })
	o.ticketDiags = fmt.Sprint(append(diags, more...))
	return o
}

func text(t *testing.T, write func(*bytes.Buffer) error) string {
	var b bytes.Buffer
	assert.NoError(t, write(&b))
	return b.String()
}

// TestSharedDesign evaluates one loaded design and one ticket stream from
// many goroutines at once and compares each result with the one a single
// goroutine computed first. Run it with -race: what it proves is that
// nothing written after loading is shared unsynchronised.
func TestSharedDesign(t *testing.T) {
	// The sequential result comes from a design of its own, so that lazy
	// state (the roster, coverage results, compiled sheets) is built under
	// concurrency in the shared one.
	want := load(t).evaluate(t)
	require.NotEmpty(t, want.lint)
	require.NotEmpty(t, want.coverage)
	require.NotEmpty(t, want.scorecards)
	require.NotEmpty(t, want.objectives)
	require.NotEmpty(t, want.review)

	s := load(t)
	got := make([]outcome, goroutines)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			got[i] = s.evaluate(t)
		}()
	}
	close(start)
	wg.Wait()
	for i, o := range got {
		assert.Equal(t, want, o, "goroutine %d", i)
	}
}
