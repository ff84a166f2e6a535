package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/config"
	"github.com/opsdesign/opsdesign/catalog/diag"
)

// configHelp is the doc of every command's -config flag.
const configHelp = "configuration file, or none for the defaults (default: the " + config.FileName +
	" found from the design's paths upward, up to the repository root; outside a repository only in the path's directory and the working directory)"

// runConfig is the configuration a command applies, and where it came
// from.
type runConfig struct {
	file  *config.File        // nil: the defaults
	all   catalog.Config      // the settings of every rule of the product
	diags catalog.Diagnostics // the file's mistakes, each at its line
}

// loadRunConfig reads the configuration named by -config ("none": the
// defaults), or the one found from the paths upward. Its settings are
// checked against every rule of the product (rules.Registry): design,
// ticket/ and events/ rules are configured in the same file, and a name
// no rule has is a lint/unknown-rule finding at its key.
func loadRunConfig(named string, paths []string) (*runConfig, error) {
	if named == "none" {
		return &runConfig{}, nil
	}
	f, diags, err := findConfig(named, paths)
	if err != nil || f == nil {
		return &runConfig{diags: diags}, err
	}
	all, more := f.Config(nil)
	return &runConfig{file: f, all: all, diags: append(diags, more...)}, nil
}

// forLinter returns the part of the configuration a linter applies: the
// settings of the rules it knows. The others (ticket/ and events/ rules)
// were checked against the registry already; given to the linter, they
// would be reported again as unknown, without a position.
func (c *runConfig) forLinter(l *catalog.Linter) catalog.Config {
	if c.file == nil {
		return catalog.Config{}
	}
	cfg, _ := c.file.Config(l.Known())
	return cfg
}

// path is the configuration file, "" for the defaults.
func (c *runConfig) path() string {
	if c.file == nil {
		return ""
	}
	return c.file.Path
}

// grade re-grades a finding made outside a linter (reading tickets or
// events) as the configuration says, or drops it (false) when its rule is
// off.
func (c *runConfig) grade(d diag.Diagnostic) (diag.Diagnostic, bool) {
	out := c.all.Apply(catalog.Diagnostics{d})
	if len(out) == 0 {
		return d, false
	}
	return out[0], true
}

// findConfig reads the configuration named by -config, or the one found
// upward from the paths. Every path must be governed by the same file (or
// all by none): one run has one configuration. The embedded sample is
// read without one unless -config names it.
func findConfig(named string, paths []string) (*config.File, catalog.Diagnostics, error) {
	if named == "" {
		found := map[string][]string{}
		var order []string
		for _, p := range paths {
			c, err := config.Find(p)
			if err != nil && !errors.Is(err, config.ErrNotFound) {
				return nil, nil, err
			}
			if _, seen := found[c]; !seen {
				order = append(order, c)
			}
			found[c] = append(found[c], p)
		}
		if len(order) > 1 {
			var parts []string
			for _, c := range order {
				name := c
				if name == "" {
					name = "no " + config.FileName
				}
				parts = append(parts, fmt.Sprintf("%s (%s)", strings.Join(found[c], ", "), name))
			}
			return nil, nil, fmt.Errorf("the paths have different configurations: %s; run them separately or name one with -config", strings.Join(parts, "; "))
		}
		if len(order) == 0 || order[0] == "" {
			return nil, nil, nil
		}
		named = order[0]
	}
	f, diags, err := config.Load(named)
	if err != nil {
		return nil, nil, fmt.Errorf("configuration: %w", err)
	}
	return f, diags, nil
}

// runSummary is the one line a command writes to standard error after its
// report, in every format (standard output keeps the report alone, so
// JSON stays an array and SARIF a log): what was read (the design's files
// and documents, an export's rows), its findings by severity and the
// configuration and baseline files that applied, so that what governed a
// run is never left unsaid, and a clean run is told from one that read
// nothing. -q silences it.
type runSummary struct {
	command  string              // "opsdesign lint"
	design   *catalog.Design     // the design read; nil for none
	read     string              // what else was read: "420 rows of x.csv"
	extra    string              // what else the report found: "2 gaps in cover"
	findings catalog.Diagnostics // as reported
	unshown  int                 // findings counted but not shown
	config   string              // the configuration file; "" for the defaults
	baseline string              // the baseline file; "" for none
	quiet    bool                // -q: write nothing
}

func (s runSummary) write(w io.Writer) {
	if s.quiet {
		return
	}
	counts := summary(s.findings)
	if counts == "" {
		counts = "no findings"
	}
	if s.unshown > 0 {
		counts += fmt.Sprintf(" shown, %s more not shown", diag.Int(s.unshown))
	}
	var read []string
	if s.read != "" {
		read = append(read, s.read)
	}
	if s.design != nil {
		read = append(read, designRead(s.design))
	}
	if len(read) > 0 {
		counts += " in " + strings.Join(read, " and ")
	}
	if s.extra != "" {
		counts += "; " + s.extra
	}
	fmt.Fprintf(w, "%s: %s; configuration: %s; baseline: %s\n", s.command, counts, orNone(s.config), orNone(s.baseline))
}

// designRead says how much of a design was read: "9 files (31 documents)".
func designRead(d *catalog.Design) string {
	files := map[string]bool{}
	for _, doc := range d.Documents {
		files[doc.File] = true
	}
	return fmt.Sprintf("%s (%s)", diag.Count(len(files), "file"), diag.Count(len(d.Documents), "document"))
}

// quietHelp is the doc of every -q flag.
const quietHelp = "write no summary line on standard error"

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
