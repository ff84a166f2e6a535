package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/textsafe"
)

// CardScores are the scores of the services one scorecard applies to, as
// catalog.Scorecard.Evaluate returns them.
type CardScores struct {
	Card     *catalog.Scorecard
	Services []catalog.Score
}

// ScoresText writes, per scorecard, its levels, each service's level and
// then each failing check's reasons as file:line:col: level/check: message.
func ScoresText(w io.Writer, cards []CardScores) error {
	var b strings.Builder
	for i, cs := range cards {
		if i > 0 {
			b.WriteByte('\n')
		}
		sc := cs.Card
		fmt.Fprintf(&b, "scorecard %s%s: %s\n", sc.Name, titled(sc.Title), strings.Join(levelNames(sc), " < "))
		if len(cs.Services) == 0 {
			b.WriteString("  no service is scored: none matches appliesTo\n")
		}
		for _, s := range cs.Services {
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
	_, err := io.WriteString(w, textsafe.Escape(b.String())) // a terminal must not act on a title's controls
	return err
}

func titled(title string) string {
	if title == "" {
		return ""
	}
	return " (" + title + ")"
}

func levelNames(sc *catalog.Scorecard) []string {
	names := make([]string, len(sc.Levels))
	for i, l := range sc.Levels {
		names[i] = l.Name
	}
	return names
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

// ScoresJSON writes the scores as an indented JSON array, one object per
// scorecard (name, title, levels, services), each service with its level
// (null when none is reached) and every check with its failures.
func ScoresJSON(w io.Writer, cards []CardScores) error {
	out := make([]jsonScorecard, 0, len(cards))
	for _, cs := range cards {
		sc := cs.Card
		js := jsonScorecard{Name: sc.Name, Title: sc.Title, Levels: levelNames(sc), Services: []jsonScore{}}
		for _, s := range cs.Services {
			js.Services = append(js.Services, scoreJSON(sc, s))
		}
		out = append(out, js)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func scoreJSON(sc *catalog.Scorecard, s catalog.Score) jsonScore {
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
	return score
}
