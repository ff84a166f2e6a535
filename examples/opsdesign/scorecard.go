package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/config"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// runScorecard scores every service on the design's scorecards and prints
// the level each reaches, with every failing check at its position.
func runScorecard(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("scorecard", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text or json")
	only := fs.String("scorecard", "", "score on this scorecard only (default: every scorecard of the design)")
	min := fs.String("min", "", "exit 1 when a scored service is below this level")
	configFile := fs.String("config", "", "configuration file, as for lint (default: the one found from the paths upward)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: opsdesign scorecard [-format text|json] [-scorecard name] [-min level] [path ...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "opsdesign scorecard: unknown format %q (want text or json)\n", *format)
		return exitUsage
	}
	design, err := loadDesign(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign scorecard: %v\n", err)
		return exitUsage
	}
	cards := design.Scorecards
	if *only != "" {
		sc := design.Scorecard(*only)
		if sc == nil {
			fmt.Fprintf(stderr, "opsdesign scorecard: the design has no scorecard %q (it has: %s)\n", *only, scorecardNames(design))
			return exitUsage
		}
		cards = []*catalog.Scorecard{sc}
	}
	if len(cards) == 0 {
		fmt.Fprintln(stderr, "opsdesign scorecard: the design has no Scorecard document")
		return exitUsage
	}
	if *min != "" {
		found := false
		for _, sc := range cards {
			found = found || sc.Level(*min) >= 0
		}
		if !found {
			fmt.Fprintf(stderr, "opsdesign scorecard: no scorecard has a level %q\n", *min)
			return exitUsage
		}
	}

	// Score on the findings lint would report: the same configuration.
	linter := &catalog.Linter{Rules: rules.All()}
	cfgFile, cfgDiags, err := findConfig(*configFile, fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign scorecard: %v\n", err)
		return exitUsage
	}
	if cfgFile != nil {
		var more catalog.Diagnostics
		linter.Config, more = cfgFile.Config(linter.Known())
		cfgDiags = append(cfgDiags, more...)
	}
	findings := linter.Lint(design)
	// A malformed scorecard or configuration scores unreliably: show what is wrong.
	for _, d := range append(cfgDiags, findings...) {
		if strings.HasPrefix(d.Rule, "scorecard/") || d.Pos.File != "" && strings.HasSuffix(d.Pos.File, config.FileName) {
			fmt.Fprintln(stderr, d)
		}
	}
	results := make([][]catalog.Score, len(cards))
	below := 0
	for i, sc := range cards {
		results[i] = sc.Evaluate(design, findings)
		if want := sc.Level(*min); *min != "" && want >= 0 {
			for _, s := range results[i] {
				if s.Level < want {
					below++
				}
			}
		}
	}
	if *format == "json" {
		err = writeScoresJSON(stdout, cards, results)
	} else {
		err = writeScoresText(stdout, cards, results)
	}
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign scorecard: %v\n", err)
		return exitUsage
	}
	if below > 0 {
		fmt.Fprintf(stderr, "opsdesign scorecard: %d service(s) below %s\n", below, *min)
		return exitFindings
	}
	return exitOK
}

func scorecardNames(d *catalog.Design) string {
	var names []string
	for _, sc := range d.Scorecards {
		names = append(names, sc.Name)
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// writeScoresText prints, per scorecard, each service's level and then
// each failing check's reasons as file:line:col: level/check: message.
func writeScoresText(w io.Writer, cards []*catalog.Scorecard, results [][]catalog.Score) error {
	var b strings.Builder
	for i, sc := range cards {
		if i > 0 {
			b.WriteByte('\n')
		}
		levels := make([]string, len(sc.Levels))
		for j, l := range sc.Levels {
			levels[j] = l.Name
		}
		fmt.Fprintf(&b, "scorecard %s%s: %s\n", sc.Name, titled(sc.Title), strings.Join(levels, " < "))
		if len(results[i]) == 0 {
			b.WriteString("  no service is scored: none matches appliesTo\n")
		}
		for _, s := range results[i] {
			level := s.LevelName()
			if level == "" {
				level = "no level"
			}
			fmt.Fprintf(&b, "%s%s: %s\n", s.Service.Name, titled(s.Service.Title), level)
			for _, r := range s.Failed() {
				for _, f := range r.Failures {
					fmt.Fprintf(&b, "  %s: %s/%s: %s\n", f.Pos, sc.Levels[r.Level].Name, r.Check.Name, f.Message)
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func titled(title string) string {
	if title == "" {
		return ""
	}
	return " (" + title + ")"
}

// The JSON form of scores: one object per scorecard, flat enough for jq.
type jsonScorecard struct {
	Name     string      `json:"name"`
	Title    string      `json:"title,omitempty"`
	Levels   []string    `json:"levels"`
	Services []jsonScore `json:"services"`
}

type jsonScore struct {
	Service string      `json:"service"`
	Title   string      `json:"title,omitempty"`
	Level   *string     `json:"level"` // null when no level is reached
	Checks  []jsonCheck `json:"checks"`
}

type jsonCheck struct {
	Level    string        `json:"level"`
	Check    string        `json:"check"`
	Title    string        `json:"title,omitempty"`
	Passed   bool          `json:"passed"`
	Failures []jsonFailure `json:"failures,omitempty"`
}

type jsonFailure struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Path    string `json:"path"`
	Message string `json:"message"`
}

func writeScoresJSON(w io.Writer, cards []*catalog.Scorecard, results [][]catalog.Score) error {
	out := make([]jsonScorecard, 0, len(cards))
	for i, sc := range cards {
		js := jsonScorecard{Name: sc.Name, Title: sc.Title, Levels: []string{}, Services: []jsonScore{}}
		for _, l := range sc.Levels {
			js.Levels = append(js.Levels, l.Name)
		}
		for _, s := range results[i] {
			score := jsonScore{Service: s.Service.Name, Title: s.Service.Title, Checks: []jsonCheck{}}
			if name := s.LevelName(); name != "" {
				score.Level = &name
			}
			for _, r := range s.Checks {
				c := jsonCheck{Level: sc.Levels[r.Level].Name, Check: r.Check.Name, Title: r.Check.Title, Passed: r.Passed()}
				for _, f := range r.Failures {
					c.Failures = append(c.Failures, jsonFailure{File: f.Pos.File, Line: f.Pos.Line, Column: f.Pos.Column, Path: f.Path, Message: f.Message})
				}
				score.Checks = append(score.Checks, c)
			}
			js.Services = append(js.Services, score)
		}
		out = append(out, js)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
