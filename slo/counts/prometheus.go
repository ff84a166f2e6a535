package counts

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/record"
	"github.com/opsdesign/opsdesign/slo"
)

// SeriesLabel is the label that says what a series of a Prometheus file
// counts: good, bad or total.
const SeriesLabel = "series"

// minCumulative is the fewest samples of a total series that never
// decreases before it is taken for a raw counter.
const minCumulative = 10

// promSeries is one series of a matrix, as read.
type promSeries struct {
	labels  map[string]string
	role    role
	path    string // JSON pointer of the series
	off     int    // byte offset of the series
	samples []promSample
}

type promSample struct {
	at       time.Time
	value    string
	off      int // of the sample's [
	valueOff int // of its value
	path     string
}

// ReadPrometheus returns the counts of the JSON result of a Prometheus
// range query: see the package doc for what it reads and how series are
// paired. The file is read whole (up to Options.MaxFileBytes); rows come
// in order of their group of series, then of time. Diagnostics are as for
// ReadCSV, at the line and column of the series or the sample at fault,
// with its JSON pointer ("/data/result/0/values/12"); a file that is not
// a matrix is one diagnostic and nothing is read.
func ReadPrometheus(r io.Reader, file string, o Options) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		limit := o.MaxFileBytes
		if limit <= 0 {
			limit = DefaultMaxFileBytes
		}
		data, err := io.ReadAll(io.LimitReader(r, limit+1))
		if err != nil {
			yield(Record{}, fmt.Errorf("counts: reading %s: %w", file, err))
			return
		}
		p := &promFile{file: file, data: bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), yield: yield}
		if int64(len(data)) > limit {
			p.report(RuleTooLarge, -1, "", "the file is larger than %d bytes; nothing is read", limit)
			return
		}
		p.lines()
		series, ok := p.matrix()
		if !ok {
			return
		}
		p.pair(series, o.Where)
	}
}

// promFile reads one Prometheus file.
type promFile struct {
	file   string
	data   []byte
	starts []int // byte offsets where lines start
	yield  func(Record, error) bool
	done   bool // the consumer stopped
}

func (p *promFile) lines() {
	p.starts = []int{0}
	for i, c := range p.data {
		if c == '\n' {
			p.starts = append(p.starts, i+1)
		}
	}
}

// pos returns the line and column of a byte offset (-1: the file).
func (p *promFile) pos(off int) (int, int) {
	if off < 0 {
		return 0, 0
	}
	i := sort.SearchInts(p.starts, off+1) - 1
	start := p.starts[i]
	end := len(p.data)
	if i+1 < len(p.starts) {
		end = p.starts[i+1]
	}
	return i + 1, record.Column(string(p.data[start:end]), off-start)
}

func (p *promFile) report(rule string, off int, path, format string, args ...any) {
	if p.done {
		return
	}
	line, col := p.pos(off)
	d := diag.Diagnostic{Rule: rule, Severity: severityOf(rule), Pos: diag.Pos{File: p.file, Line: line, Column: col}, Path: path,
		Message: fmt.Sprintf(format, args...)}
	p.done = !p.yield(Record{}, d)
}

// next skips white space and commas from off.
func (p *promFile) next(off int) int {
	for off < len(p.data) {
		switch p.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

// matrix finds the result of the query and reads its series. It reports
// whether there is a matrix to read.
func (p *promFile) matrix() ([]*promSeries, bool) {
	if !json.Valid(p.data) {
		var se *json.SyntaxError
		off := 0
		if err := json.Unmarshal(p.data, new(json.RawMessage)); errors.As(err, &se) {
			off = max(int(se.Offset)-1, 0)
		}
		p.report(RuleBadJSON, off, "", "the file is not valid JSON; nothing is read")
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(p.data))
	dec.UseNumber()
	tok, _ := dec.Token()
	path := ""
	if tok == json.Delim('{') {
		var ok bool
		if path, ok = p.findResult(dec, ""); !ok {
			return nil, false
		}
	} else if tok != json.Delim('[') {
		p.report(RuleNotMatrix, 0, "", "the file holds neither a query's response nor a list of series; nothing is read")
		return nil, false
	}
	var series []*promSeries
	for i := 0; dec.More(); i++ {
		s := &promSeries{off: p.next(int(dec.InputOffset())), path: path + "/" + strconv.Itoa(i)}
		if !p.readSeries(dec, s) {
			return nil, false
		}
		series = append(series, s)
	}
	return series, true
}

// findResult walks an object (its '{' read) to the result array of a
// range query, checking the status and the result type on the way, and
// leaves dec inside the array. at is the object's JSON pointer.
func (p *promFile) findResult(dec *json.Decoder, at string) (string, bool) {
	var status, errText, resultType string
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			return "", false
		}
		key, _ := keyTok.(string)
		off := p.next(int(dec.InputOffset()))
		switch key {
		case "status", "error", "errorType", "resultType":
			var s string
			if dec.Decode(&s) == nil {
				switch key {
				case "status":
					status = s
				case "error":
					errText = s
				case "resultType":
					resultType = s
				}
			}
			if key == "resultType" && s != "matrix" {
				p.report(RuleNotMatrix, off, at+"/resultType", "the result is a %s, not the matrix of a range query; nothing is read", strconv.Quote(s))
				return "", false
			}
		case "data":
			tok, err := dec.Token()
			if err != nil || tok != json.Delim('{') {
				p.report(RuleNotMatrix, off, at+"/data", "data is not an object; nothing is read")
				return "", false
			}
			return p.findResult(dec, at+"/data")
		case "result":
			if status == "error" {
				break
			}
			tok, err := dec.Token()
			if err != nil || tok != json.Delim('[') {
				p.report(RuleNotMatrix, off, at+"/result", "result is not a list of series; nothing is read")
				return "", false
			}
			if resultType == "" {
				// The type may come after the result: look it up.
				var whole struct {
					ResultType string          `json:"resultType"`
					Data       json.RawMessage `json:"data"`
				}
				_ = json.Unmarshal(p.data, &whole)
				if whole.ResultType != "" && whole.ResultType != "matrix" {
					p.report(RuleNotMatrix, off, at+"/result", "the result is a %q, not the matrix of a range query; nothing is read", whole.ResultType)
					return "", false
				}
			}
			return at + "/result", true
		default:
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return "", false
			}
		}
	}
	if status == "error" {
		p.report(RuleNotMatrix, 0, at+"/status", "the query failed: %s; nothing is read", errText)
	} else {
		p.report(RuleNotMatrix, 0, at, "the file holds no result of a range query (data.result); nothing is read")
	}
	return "", false
}

// readSeries reads one series of the result: its labels and its values.
func (p *promFile) readSeries(dec *json.Decoder, s *promSeries) bool {
	tok, err := dec.Token()
	if err != nil {
		return false
	}
	if tok != json.Delim('{') {
		p.report(RuleNotMatrix, s.off, s.path, "a series must be an object of metric and values; nothing is read")
		return false
	}
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			return false
		}
		off := p.next(int(dec.InputOffset()))
		switch keyTok {
		case "metric":
			if err := dec.Decode(&s.labels); err != nil {
				p.report(RuleNotMatrix, off, s.path+"/metric", "the labels of a series must be an object of strings; nothing is read")
				return false
			}
		case "values":
			if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
				p.report(RuleNotMatrix, off, s.path+"/values", "the values of a series must be a list of [timestamp, value]; nothing is read")
				return false
			}
			for j := 0; dec.More(); j++ {
				sp := promSample{off: p.next(int(dec.InputOffset())), path: s.path + "/values/" + strconv.Itoa(j)}
				var pair []json.RawMessage
				if err := dec.Decode(&pair); err != nil {
					return false
				}
				if !p.sample(&sp, pair) {
					continue
				}
				s.samples = append(s.samples, sp)
			}
			if _, err := dec.Token(); err != nil { // ]
				return false
			}
		case "value":
			p.report(RuleNotMatrix, off, s.path+"/value", "a series with one value is an instant vector, not the matrix of a range query; nothing is read")
			return false
		default:
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return false
			}
		}
	}
	_, err = dec.Token() // }
	return err == nil
}

// sample reads [timestamp, "value"], reporting what is wrong with it.
func (p *promFile) sample(sp *promSample, pair []json.RawMessage) bool {
	if len(pair) != 2 {
		p.report(RuleBadCount, sp.off, sp.path, "a sample must be [timestamp, \"value\"]; it is skipped")
		return false
	}
	// RawMessage keeps a value's bytes as written: the offsets follow.
	timeOff := p.next(sp.off + 1)
	sp.valueOff = p.next(timeOff + len(pair[0]))
	sec, err := strconv.ParseFloat(string(pair[0]), 64)
	if err != nil || !(sec >= 0 && sec < 1e11) {
		p.report(RuleBadTime, timeOff, sp.path+"/0", "timestamp %s is not Unix seconds from 1970; the sample is skipped", pair[0])
		return false
	}
	whole, frac := math.Modf(sec)
	sp.at = time.Unix(int64(whole), int64(math.Round(frac*1e3))*int64(time.Millisecond)).UTC()
	if err := json.Unmarshal(pair[1], &sp.value); err != nil {
		sp.value = string(pair[1]) // a bare number: read as written
	}
	return true
}

// pair groups the series by their labels but the series label, pairs
// good (or bad) and total samples by timestamp, and yields one row per
// pair.
func (p *promFile) pair(series []*promSeries, where []Match) {
	type group struct {
		key            string
		labels         map[string]string
		good, bad, tot *promSeries
		first          int // the offset of its first series
	}
	groups := map[string]*group{}
	var order []*group
	seen := map[string]bool{}
	for _, s := range series {
		name := s.labels[SeriesLabel]
		switch name {
		case "good":
			s.role = goodRole
		case "bad":
			s.role = badRole
		case "total":
			s.role = totalRole
		default:
			what := "no label " + SeriesLabel
			if name != "" {
				what = fmt.Sprintf("%s=%q", SeriesLabel, name)
			}
			p.report(RuleUnlabelledSeries, s.off, s.path, "the series %s has %s: say whether it counts good, bad or total with label_replace(..., %q, \"good\", \"\", \"\"); its samples are not read",
				labelText(s.labels), what, SeriesLabel)
			continue
		}
		others := map[string]string{}
		for k, v := range s.labels {
			if k != SeriesLabel && k != "__name__" {
				others[k] = v
				seen[k] = true
			}
		}
		key := labelText(others)
		g := groups[key]
		if g == nil {
			g = &group{key: key, labels: others, first: s.off}
			groups[key] = g
			order = append(order, g)
		}
		slot := map[role]**promSeries{goodRole: &g.good, badRole: &g.bad, totalRole: &g.tot}[s.role]
		if *slot != nil {
			p.report(RuleDuplicateColumn, s.off, s.path, "the group %s has a second %s series; the first is read", key, name)
			continue
		}
		*slot = s
	}
	if !unknownLabels(p.file, where, seen, p.yield) {
		return
	}
	for _, g := range order {
		if p.done {
			return
		}
		counted := g.good
		if counted == nil {
			counted = g.bad
		} else if g.bad != nil {
			p.report(RuleDuplicateColumn, g.bad.off, g.bad.path, "the group %s has both a good and a bad series; the good one is read", g.key)
		}
		if counted == nil || g.tot == nil {
			has, lacks := "a total series", "no good or bad series"
			if g.tot == nil {
				has, lacks = "a "+seriesName(counted.role)+" series", "no total series"
			}
			p.report(RuleUnpaired, g.first, "", "the group %s has %s but %s; its samples are not read", g.key, has, lacks)
			continue
		}
		excluded := len(where) > 0 && !matches(where, func(l string) (string, bool) { v, ok := g.labels[l]; return v, ok })
		p.pairSamples(g.key, counted, g.tot, excluded)
	}
}

// pairSamples yields a row per total sample with a partner at the same
// instant, and reports the samples without one.
func (p *promFile) pairSamples(key string, counted, total *promSeries, excluded bool) {
	partner := make(map[int64]int, len(counted.samples))
	for i, s := range counted.samples {
		partner[s.at.UnixMilli()] = i
	}
	used := make([]bool, len(counted.samples))
	rising := 0
	var first, prev float64
	for k, ts := range total.samples {
		if p.done {
			return
		}
		i, ok := partner[ts.at.UnixMilli()]
		if !ok {
			p.report(RuleUnpaired, ts.off, ts.path, "the total of %s at %s has no %s sample at the same instant; it is skipped",
				key, ts.at.Format(time.RFC3339), seriesName(counted.role))
			continue
		}
		used[i] = true
		cs := counted.samples[i]
		tot, msg := parseCount(ts.value)
		if msg != "" {
			p.report(RuleBadCount, ts.valueOff, ts.path+"/1", "the total %s; the sample is skipped", msg)
			continue
		}
		if k == 0 {
			first = tot
		}
		if k == 0 || tot >= prev {
			rising++
		}
		prev = tot
		n, msg := parseCount(cs.value)
		if msg != "" {
			p.report(RuleBadCount, cs.valueOff, cs.path+"/1", "the %s %s; the sample is skipped", counted.role.what(), msg)
			continue
		}
		good := n
		if counted.role == badRole {
			good = tot - n
		}
		if n > tot {
			p.report(RuleGoodAboveTotal, cs.valueOff, cs.path+"/1", "the %s %v at %s is above the total %v; the sample is skipped (query the bad requests, or both counts from one counter)",
				counted.role.what(), n, cs.at.Format(time.RFC3339), tot)
			continue
		}
		line, _ := p.pos(ts.off)
		rec := Record{Count: slo.Count{At: ts.at, Good: good, Total: tot}, Line: line}
		if excluded {
			rec = Record{Line: line, Excluded: true}
		}
		if !p.yield(rec, nil) {
			p.done = true
			return
		}
	}
	for i, s := range counted.samples {
		if !used[i] {
			p.report(RuleUnpaired, s.off, s.path, "the %s of %s at %s has no total at the same instant; it is skipped",
				counted.role.what(), key, s.at.Format(time.RFC3339))
		}
	}
	if n := len(total.samples); rising == n && n >= minCumulative && prev > first {
		p.report(RuleCumulative, total.off, total.path, "the total of %s never decreases over %d samples: it looks like a raw counter, whose samples are running sums, not counts; query increase(...[step]) with the range query's step", key, n)
	}
}

// seriesName is the value of the series label for a role.
func seriesName(r role) string {
	switch r {
	case goodRole:
		return "good"
	case badRole:
		return "bad"
	}
	return "total"
}

// labelText writes labels as Prometheus does: {a="1", b="2"}, sorted.
func labelText(labels map[string]string) string {
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + strconv.Quote(labels[k])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
