package corpus_test

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/config"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/slo/counts"
	"github.com/opsdesign/opsdesign/slo/eventlog"
	"github.com/opsdesign/opsdesign/ticket"
	"github.com/opsdesign/opsdesign/ticket/slack"
)

// dir is the corpus, relative to this package.
const dir = "../../testdata/corpus"

// minCases is the least number of distinct bad inputs the corpus holds.
const minCases = 40

// entry is one line of the manifest: the findings a file must produce, as
// "rule line:column [pointer]", and the options its entry point is run with.
// A line whose value is a plain list gives the findings only.
type entry struct {
	Want []string `yaml:"want"`

	// Loader limits for design files; zero keeps the default.
	MaxFileBytes      int64 `yaml:"maxFileBytes"`
	MaxDocuments      int   `yaml:"maxDocuments"`
	MaxDepth          int   `yaml:"maxDepth"`
	MaxAliasExpansion int   `yaml:"maxAliasExpansion"`

	// Ticket import: the preset mapping ("native" when empty), the time
	// zone of timestamps without an offset, and the row limit.
	Mapping     string `yaml:"mapping"`
	TimeZone    string `yaml:"timeZone"`
	MaxRowBytes int    `yaml:"maxRowBytes"`
	// MaxStreamBytes bounds the whole input of a ticket or events file, as
	// a stream is bounded.
	MaxStreamBytes int64 `yaml:"maxStreamBytes"`

	// Window, for an events file, evaluates the events read against a
	// ratio objective over that window (28d, month), as of Now (RFC 3339;
	// empty: chosen from the events), and adds the findings about where
	// the events fall (Collection.Findings).
	Window string `yaml:"window"`
	Now    string `yaml:"now"`

	// Where, for a counts file, keeps the rows whose labels match every
	// label=value, as slo eval -where does.
	Where []string `yaml:"where"`

	// Kept, when set, is how many documents (design files), tickets
	// (ticket files) or events (events files) must survive the bad input:
	// nothing else is lost.
	Kept *int `yaml:"kept"`
}

func (e *entry) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.SequenceNode {
		return n.Decode(&e.Want)
	}
	// A misspelt option would silently not apply: refuse unknown keys.
	known := map[string]bool{"want": true, "maxFileBytes": true, "maxDocuments": true, "maxDepth": true,
		"maxAliasExpansion": true, "mapping": true, "timeZone": true, "maxRowBytes": true, "kept": true,
		"maxStreamBytes": true, "window": true, "now": true, "where": true}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i].Value; !known[k] {
			return fmt.Errorf("line %d: unknown key %q", n.Content[i].Line, k)
		}
	}
	type plain entry
	return n.Decode((*plain)(e))
}

// format is how a file is read: which public entry point takes it.
type format string

const (
	designFormat   format = "design"   // catalog.Loader.Parse, then Linter.Lint
	configFormat   format = "config"   // config.Parse
	baselineFormat format = "baseline" // config.ParseBaseline
	csvFormat      format = "csv"      // ticket.ReadCSV through ticket.Process
	jsonlFormat    format = "jsonl"    // ticket.ReadJSONL through ticket.Process
)

// The events files of slo eval, told apart from ticket exports by their
// name: *.events.csv and *.events.jsonl.
const (
	eventsCSV   format = "events-csv"   // eventlog.ReadCSV
	eventsJSONL format = "events-jsonl" // eventlog.ReadJSONL
)

// slackFormat is a day file of a Slack export, read by ticket/slack in a
// small export of its own (slackExport).
const slackFormat format = "slack"

// The counts files of slo eval -counts: *.counts.csv, *.counts.jsonl and,
// for a Prometheus range query's result, *.counts.json.
const (
	countsCSV        format = "counts-csv"        // counts.ReadCSV
	countsJSONL      format = "counts-jsonl"      // counts.ReadJSONL
	countsPrometheus format = "counts-prometheus" // counts.ReadPrometheus
)

// formatOf chooses the entry point by the file's name.
func formatOf(name string) format {
	switch {
	case strings.HasPrefix(name, "slack/"):
		return slackFormat
	case strings.HasSuffix(name, ".opsdesign.yaml"):
		return configFormat
	case strings.HasSuffix(name, ".baseline.json"):
		return baselineFormat
	case strings.HasSuffix(name, ".counts.csv"):
		return countsCSV
	case strings.HasSuffix(name, ".counts.jsonl"):
		return countsJSONL
	case strings.HasSuffix(name, ".counts.json"):
		return countsPrometheus
	case strings.HasSuffix(name, ".events.csv"):
		return eventsCSV
	case strings.HasSuffix(name, ".events.jsonl"):
		return eventsJSONL
	case strings.HasSuffix(name, ".csv"):
		return csvFormat
	case strings.HasSuffix(name, ".jsonl"):
		return jsonlFormat
	}
	return designFormat
}

// result is what running one file gave: its findings, as the manifest writes
// them, and how many documents or tickets were kept.
type result struct {
	findings []string
	kept     int
}

func TestCorpus(t *testing.T) {
	manifest := readManifest(t)
	files := corpusFiles(t)
	for _, name := range files {
		if _, ok := manifest[name]; !ok {
			t.Errorf("%s has no line in manifest.yaml", name)
		}
	}
	for name := range manifest {
		if !slices.Contains(files, name) {
			t.Errorf("manifest.yaml names %s, which is not in the corpus", name)
		}
	}
	assert.GreaterOrEqual(t, len(manifest), minCases, "distinct bad inputs")

	known := knownRules()
	sample, err := catalog.Load("../../testdata/sample")
	require.NoError(t, err)

	// Every directory of the corpus is one format family; each must be
	// there, so a format cannot silently drop out of the corpus.
	perDir := map[string]int{}
	for _, name := range slices.Sorted(maps.Keys(manifest)) {
		e := manifest[name]
		perDir[path.Dir(name)]++
		t.Run(name, func(t *testing.T) {
			require.NotEmpty(t, e.Want, "a bad input must produce a finding")
			for _, w := range e.Want {
				rule, _, _ := strings.Cut(w, " ")
				assert.True(t, known[rule], "%q names no rule of the catalog or of package ticket or eventlog", w)
			}
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
			require.NoError(t, err)
			got := run(t, name, data, e, sample)
			assert.ElementsMatch(t, e.Want, got.findings, "findings of %s", name)
			if e.Kept != nil {
				assert.Equal(t, *e.Kept, got.kept, "documents or tickets kept from %s", name)
			}
		})
	}
	for _, d := range []string{"yaml", "json", "openslo", "documents", "config", "baseline", "csv", "jsonl", "events", "counts", "sheets", "text", "slack"} {
		assert.NotZero(t, perDir[d], "the corpus has no case in %s/", d)
	}
}

// run hands one file to the entry point of its format. A panic anywhere
// fails the case.
func run(t *testing.T, name string, data []byte, e entry, sample *catalog.Design) (res result) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s: panic: %v", name, r)
		}
	}()
	var diags catalog.Diagnostics
	switch formatOf(name) {
	case designFormat:
		loader := catalog.Loader{Limits: catalog.Limits{
			MaxFileBytes: e.MaxFileBytes, MaxDocuments: e.MaxDocuments,
			MaxDepth: e.MaxDepth, MaxAliasExpansion: e.MaxAliasExpansion,
		}}
		d := loader.Parse(catalog.Source{Name: name, Data: data})
		linter := &catalog.Linter{Rules: rules.All(), Now: func() time.Time { return time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC) }}
		diags = linter.Lint(d)
		res.kept = len(d.Documents)
	case configFormat:
		// Rule names are checked against the registry, so the
		// configuration goes all the way to a catalog.Config.
		f, found := config.Parse(name, data)
		_, more := f.Config(nil)
		diags = append(found, more...)
	case baselineFormat:
		_, diags = config.ParseBaseline(name, data, ".")
	case csvFormat, jsonlFormat:
		m := mapping(t, e)
		read := ticket.ReadCSV
		if formatOf(name) == jsonlFormat {
			read = ticket.ReadJSONL
		}
		var n counter
		var err error
		diags, err = ticket.Process(read(bytes.NewReader(data), name, m), ticket.NewClassifier(sample), &n)
		require.NoError(t, err)
		res.kept = int(n)
	case slackFormat:
		diags, res.kept = readSlack(t, name, data)
	case eventsCSV, eventsJSONL:
		read := eventlog.ReadCSV
		if formatOf(name) == eventsJSONL {
			read = eventlog.ReadJSONL
		}
		records := read(bytes.NewReader(data), name, eventlog.Options{MaxRowBytes: e.MaxRowBytes, MaxStreamBytes: e.MaxStreamBytes})
		if e.Window != "" {
			diags, res.kept = evaluate(t, records, e)
			break
		}
		for _, err := range records {
			if err == nil {
				res.kept++
				continue
			}
			var d catalog.Diagnostic
			require.ErrorAs(t, err, &d)
			diags = append(diags, d)
		}
	case countsCSV, countsJSONL, countsPrometheus:
		read := map[format]func(io.Reader, string, counts.Options) iter.Seq2[counts.Record, error]{
			countsCSV: counts.ReadCSV, countsJSONL: counts.ReadJSONL, countsPrometheus: counts.ReadPrometheus,
		}[formatOf(name)]
		opts := counts.Options{MaxRowBytes: e.MaxRowBytes, MaxStreamBytes: e.MaxStreamBytes}
		for _, w := range e.Where {
			m, err := counts.ParseMatch(w)
			require.NoError(t, err)
			opts.Where = append(opts.Where, m)
		}
		for rec, err := range read(bytes.NewReader(data), name, opts) {
			if err == nil {
				if !rec.Excluded {
					res.kept++
				}
				continue
			}
			var d catalog.Diagnostic
			require.ErrorAs(t, err, &d)
			diags = append(diags, d)
		}
	}
	for _, d := range diags {
		if d.Pos.File != "" {
			assert.Equal(t, name, d.Pos.File, "file of %v", d)
		}
		res.findings = append(res.findings, key(d))
	}
	return res
}

// evaluate collects an events file and evaluates it against a ratio
// objective over e.Window as of e.Now, as slo eval does: the findings of
// reading it and of where its events fall, and how many events were read.
func evaluate(t *testing.T, records iter.Seq2[eventlog.Record, error], e entry) (catalog.Diagnostics, int) {
	t.Helper()
	c, err := eventlog.Collect(records, -1)
	require.NoError(t, err)
	o := slo.Objective{Name: "corpus", Kind: slo.RatioObjective, Target: slo.MustParseTarget("99%"), Window: slo.MustParseWindow(e.Window)}
	var now time.Time
	if e.Now != "" {
		now, err = time.Parse(time.RFC3339, e.Now)
		require.NoError(t, err)
	}
	ev, err := o.Evaluation(c.Events, now)
	require.NoError(t, err)
	found, more, _ := c.Findings(ev)
	require.Zero(t, more)
	return found, len(c.Events)
}

// slackDay is where a corpus day file goes in its export.
const slackDay = "desk/2026-11-02.json"

// readSlack reads a day file of a Slack export as the only day of channel
// #desk (C0DESK) of an export whose users are U0AGENT, the desk's agent,
// and U0ASK: the findings, placed in the corpus file, and how many
// inquiries became tickets.
func readSlack(t *testing.T, name string, data []byte) (catalog.Diagnostics, int) {
	t.Helper()
	export := fstest.MapFS{
		"users.json":    {Data: []byte(`[{"id": "U0AGENT", "name": "agent"}, {"id": "U0ASK", "name": "asker"}]`)},
		"channels.json": {Data: []byte(`[{"id": "C0DESK", "name": "desk"}]`)},
		slackDay:        {Data: data},
	}
	c := slack.Config{Desks: []slack.Desk{{Name: "desk", Channels: []string{"desk"}, Service: "desk", Agents: []slack.Agent{{ID: "U0AGENT"}}}}}
	seq, _ := slack.ReadFS(export, "", c)
	var diags catalog.Diagnostics
	kept := 0
	for _, err := range seq {
		if err == nil {
			kept++
			continue
		}
		var d catalog.Diagnostic
		require.ErrorAs(t, err, &d)
		if d.Pos.File == slackDay {
			d.Pos.File = name
		}
		diags = append(diags, d)
	}
	return diags, kept
}

// key writes a finding as the manifest does.
func key(d catalog.Diagnostic) string {
	k := d.Rule + " " + strconv.Itoa(d.Pos.Line) + ":" + strconv.Itoa(d.Pos.Column)
	if d.Path != "" {
		k += " " + d.Path
	}
	return k
}

func mapping(t *testing.T, e entry) ticket.Mapping {
	t.Helper()
	var loc *time.Location
	if e.TimeZone != "" {
		var err error
		loc, err = time.LoadLocation(e.TimeZone)
		require.NoError(t, err)
	}
	name := e.Mapping
	if name == "" {
		name = "native"
	}
	m, ok := ticket.Preset(name, loc)
	require.True(t, ok, "no mapping %q", name)
	m.MaxRowBytes, m.MaxStreamBytes = e.MaxRowBytes, e.MaxStreamBytes
	return m
}

// counter is a ticket.Sink that counts the tickets imported.
type counter int

func (c *counter) Add(*ticket.Ticket, ticket.Class) { *c++ }

func readManifest(t *testing.T) map[string]entry {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "manifest.yaml"))
	require.NoError(t, err)
	var m map[string]entry
	require.NoError(t, yaml.Unmarshal(data, &m))
	return m
}

// corpusFiles lists the files of the corpus, slash-separated and relative
// to it, but for the manifest.
func corpusFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); rel != "manifest.yaml" {
			files = append(files, rel)
		}
		return nil
	})
	require.NoError(t, err)
	return files
}

// knownRules holds every rule ID a finding may carry: the registry's.
func knownRules() map[string]bool {
	ids := map[string]bool{}
	for _, r := range rules.Registry() {
		ids[r.ID] = true
	}
	return ids
}
