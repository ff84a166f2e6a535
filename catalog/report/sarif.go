package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// SARIF 2.1.0, as OASIS publishes it. The log says which schema it follows.
const (
	SARIFVersion = "2.1.0"
	SARIFSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

// srcRoot is the uriBaseId of relative file names: the BaseDir, or the
// directory the tool ran in.
const srcRoot = "%SRCROOT%"

// FingerprintKey names the partial fingerprint opsdesign gives SARIF
// results when Options.Fingerprint is set.
const FingerprintKey = "opsdesign/v1"

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	Invocations        []sarifInvocation                `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	// Columns count Unicode code points (runes), as the loader does;
	// SARIF's default would be UTF-16 code units.
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
	// Properties is the run's property bag: Options.Properties, such as
	// the configuration and baseline files that applied.
	Properties map[string]any `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	ShortDescription     *sarifText         `json:"shortDescription,omitempty"`
	FullDescription      *sarifText         `json:"fullDescription,omitempty"`
	Help                 *sarifText         `json:"help,omitempty"`
	HelpURI              string             `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           *sarifProperties   `json:"properties,omitempty"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifProperties struct {
	Tags []string `json:"tags,omitempty"`
	// Path is the JSON pointer of the value a result concerns.
	Path string `json:"jsonPointer,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool `json:"executionSuccessful"`
	// Findings that concern no file (a misconfigured rule, say) are
	// notifications about the tool's configuration: a result needs a
	// location to be shown by code scanning.
	ToolConfigurationNotifications []sarifNotification `json:"toolConfigurationNotifications,omitempty"`
}

type sarifNotification struct {
	AssociatedRule sarifRuleRef `json:"associatedRule"`
	Level          string       `json:"level"`
	Message        sarifText    `json:"message"`
}

type sarifRuleRef struct {
	ID    string `json:"id"`
	Index int    `json:"index"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Properties          *sarifProperties  `json:"properties,omitempty"`
}

type sarifLocation struct {
	ID               *int                   `json:"id,omitempty"`
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	Message          *sarifText             `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s catalog.Severity) string {
	switch {
	case s >= catalog.Error:
		return "error"
	case s == catalog.Warning:
		return "warning"
	}
	return "note"
}

func writeSARIF(w io.Writer, diags catalog.Diagnostics, opts Options) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: opts.toolName(), Version: opts.toolVersion(), InformationURI: opts.informationURI(),
		}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
		Properties: opts.Properties,
	}
	index := map[string]int{}
	builtin := map[string]bool{}
	if opts.HelpURI == nil {
		for _, r := range rules.Registry() {
			builtin[r.ID] = true
		}
	}
	for _, r := range opts.rules() {
		if _, dup := index[r.ID]; dup {
			continue
		}
		index[r.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifDescriptor(r, opts, builtin[r.ID]))
	}
	ruleIndex := func(d catalog.Diagnostic) int {
		i, ok := index[d.Rule]
		if !ok {
			// A rule the options do not describe: describe it by its ID so
			// that every result points at a rule.
			i = len(run.Tool.Driver.Rules)
			index[d.Rule] = i
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
				ID: d.Rule, DefaultConfiguration: sarifConfiguration{Level: sarifLevel(d.Severity)},
				Properties: &sarifProperties{Tags: []string{group(d.Rule)}},
			})
		}
		return i
	}
	inv := sarifInvocation{ExecutionSuccessful: true}
	names := newNamer(opts.BaseDir)
	for _, d := range diags {
		i := ruleIndex(d)
		if d.Pos.File == "" {
			inv.ToolConfigurationNotifications = append(inv.ToolConfigurationNotifications, sarifNotification{
				AssociatedRule: sarifRuleRef{ID: d.Rule, Index: i}, Level: sarifLevel(d.Severity), Message: sarifText{Text: d.Message},
			})
			continue
		}
		res := sarifResult{
			RuleID: d.Rule, RuleIndex: i, Level: sarifLevel(d.Severity), Message: sarifText{Text: d.Message},
			Locations: []sarifLocation{{PhysicalLocation: physical(names, d.Pos)}},
		}
		for j, r := range d.Related {
			id := j + 1
			loc := sarifLocation{ID: &id, Message: &sarifText{Text: r.Message}}
			if r.Pos.File != "" {
				loc.PhysicalLocation = physical(names, r.Pos)
			}
			res.RelatedLocations = append(res.RelatedLocations, loc)
		}
		if opts.Fingerprint != nil {
			res.PartialFingerprints = map[string]string{FingerprintKey: opts.Fingerprint(d)}
		}
		if d.Path != "" {
			res.Properties = &sarifProperties{Path: d.Path}
		}
		run.Results = append(run.Results, res)
	}
	run.Invocations = []sarifInvocation{inv}
	if opts.BaseDir != "" {
		if abs, err := filepath.Abs(opts.BaseDir); err == nil {
			run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRoot: {URI: fileURI(filepath.ToSlash(abs)) + "/"}}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: SARIFSchema, Version: SARIFVersion, Runs: []sarifRun{run}})
}

func sarifDescriptor(r diag.RuleInfo, opts Options, builtin bool) sarifRule {
	d := Describe(r)
	help := d.Text
	md := markdownText(d.Text)
	if d.Example != "" {
		help += "\n\nExample:\n\n" + indent(d.Example, "    ")
		md += "\n\n```yaml\n" + d.Example + "\n```"
	}
	sr := sarifRule{
		ID:                   r.ID,
		ShortDescription:     &sarifText{Text: d.Summary},
		FullDescription:      &sarifText{Text: d.Text},
		Help:                 &sarifText{Text: help, Markdown: md},
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)},
		Properties:           &sarifProperties{Tags: []string{d.Group}},
	}
	switch {
	case opts.HelpURI != nil:
		sr.HelpURI = opts.HelpURI(r.ID)
	case builtin:
		sr.HelpURI = opts.informationURI() + "/blob/main/docs/rules.md#" + Anchor(r.ID)
	}
	return sr
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// physical is the SARIF location of a position: its file as a URI
// relative to %SRCROOT% (or absolute), and its line and column.
func physical(names *namer, p catalog.Pos) *sarifPhysicalLocation {
	name, rel := names.name(p.File)
	loc := &sarifPhysicalLocation{}
	if rel {
		loc.ArtifactLocation = sarifArtifactLocation{URI: relativeURI(name), URIBaseID: srcRoot}
	} else {
		loc.ArtifactLocation = sarifArtifactLocation{URI: fileURI(name)}
	}
	if p.Line > 0 {
		loc.Region = &sarifRegion{StartLine: p.Line}
		if p.Column > 0 {
			loc.Region.StartColumn = p.Column
		}
	}
	return loc
}

// relativeURI escapes a relative slash-separated path as a URI reference.
func relativeURI(name string) string {
	u := url.URL{Path: name}
	return u.String()
}

// fileURI makes a file: URI of an absolute slash-separated path.
func fileURI(abs string) string {
	if !strings.HasPrefix(abs, "/") {
		abs = "/" + abs // C:/x → /C:/x
	}
	u := url.URL{Scheme: "file", Path: abs}
	return u.String()
}
