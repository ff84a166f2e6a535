package report

import (
	"encoding/json"
	"io"

	"github.com/opsdesign/opsdesign/catalog"
)

// jsonFinding is the JSON form of a finding: flat, for jq and CI tools.
// Its field names are part of the command line's contract.
type jsonFinding struct {
	File     string           `json:"file"`
	Line     int              `json:"line"`
	Column   int              `json:"column"`
	Severity catalog.Severity `json:"severity"`
	Rule     string           `json:"rule"`
	Message  string           `json:"message"`
	Path     string           `json:"path"`
	Related  []jsonRelated    `json:"related,omitempty"`
}

type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

func writeJSON(w io.Writer, diags catalog.Diagnostics) error {
	out := make([]jsonFinding, 0, len(diags))
	for _, d := range diags {
		j := jsonFinding{File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Column, Severity: d.Severity,
			Rule: d.Rule, Message: d.Message, Path: d.Path}
		for _, r := range d.Related {
			j.Related = append(j.Related, jsonRelated{File: r.Pos.File, Line: r.Pos.Line, Column: r.Pos.Column, Message: r.Message})
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
