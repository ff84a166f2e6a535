package report

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// Format names an output format.
type Format string

// The formats. Markdown is for rule documentation only.
const (
	Text     Format = "text"
	JSON     Format = "json"
	SARIF    Format = "sarif"
	GitHub   Format = "github"
	Markdown Format = "markdown"
)

// ErrUnknownFormat is returned (wrapped) for a format a writer does not
// know.
var ErrUnknownFormat = errors.New("unknown format")

// Formats returns the formats Write knows.
func Formats() []Format { return []Format{Text, JSON, SARIF, GitHub} }

// ParseFormat parses a format name, case-insensitively.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	switch f {
	case Text, JSON, SARIF, GitHub, Markdown:
		return f, nil
	}
	return "", fmt.Errorf("%w %q", ErrUnknownFormat, s)
}

// Options tune Write. The zero value works: no source lines, the built-in
// rules' documentation, file names as the diagnostics give them.
type Options struct {
	// Source returns the content of a file named as in a diagnostic, for
	// the source line Text shows under each finding. Use OSFiles or
	// FSFiles; nil shows no source lines. A file that cannot be read is
	// shown without its lines.
	Source func(file string) ([]byte, error)
	// Rules document the rules in SARIF output; nil means every rule of
	// the product, rules.Registry() of package catalog/rules. Append your
	// own rules' Info so code scanning shows their docs too.
	Rules []diag.RuleInfo
	// ToolName, ToolVersion and InformationURI describe the program in
	// SARIF output. The name defaults to "opsdesign", the version to
	// BuildVersion() and the URI to the project's home.
	ToolName, ToolVersion, InformationURI string
	// HelpURI returns the address of a rule's documentation for SARIF; nil
	// links the built-in rules to the project's docs/rules.md.
	HelpURI func(ruleID string) string
	// BaseDir, when set, is the directory file names are made relative to
	// in SARIF and GitHub output (code scanning and annotations want paths
	// relative to the repository root). Files outside it keep an absolute
	// name. It is the %SRCROOT% of SARIF output.
	BaseDir string
	// Fingerprint, when set, gives each SARIF result a partial fingerprint
	// that survives line shifts (see config.Fingerprint).
	Fingerprint func(catalog.Diagnostic) string
	// Properties, when set, is the property bag of the SARIF run
	// (run.properties): what governed the run, such as the configuration
	// and baseline files that applied ("configuration", "baseline"; null
	// for none), so that a code-scanning alert can be traced to them.
	Properties map[string]any
}

// DefaultInformationURI is the project's home, used in SARIF output.
const DefaultInformationURI = "https://github.com/opsdesign/opsdesign"

func (o Options) toolName() string {
	if o.ToolName != "" {
		return o.ToolName
	}
	return "opsdesign"
}

func (o Options) toolVersion() string {
	if o.ToolVersion != "" {
		return o.ToolVersion
	}
	return BuildVersion()
}

func (o Options) informationURI() string {
	if o.InformationURI != "" {
		return o.InformationURI
	}
	return DefaultInformationURI
}

func (o Options) rules() []diag.RuleInfo {
	if o.Rules != nil {
		return o.Rules
	}
	return rules.Registry()
}

// OSFiles reads a file of the operating system by the name a diagnostic
// gives it: the Source for designs loaded with catalog.Load.
func OSFiles(name string) ([]byte, error) { return os.ReadFile(filepath.FromSlash(name)) }

// FSFiles returns a Source reading from fsys: for designs loaded with
// catalog.LoadFS.
func FSFiles(fsys fs.FS) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) { return fs.ReadFile(fsys, name) }
}

// Write writes the diagnostics in the format. It writes nothing else: a
// summary or an exit status is the caller's business.
func Write(w io.Writer, f Format, diags catalog.Diagnostics, opts Options) error {
	switch f {
	case Text:
		return writeText(w, diags, opts)
	case JSON:
		return writeJSON(w, diags)
	case SARIF:
		return writeSARIF(w, diags, opts)
	case GitHub:
		return writeGitHub(w, diags, opts)
	}
	return fmt.Errorf("report: %w %q for findings (want text, json, sarif or github)", ErrUnknownFormat, f)
}

// namer names files for SARIF and GitHub output, relative to the base
// directory with forward slashes, remembering each answer (making a path
// absolute asks the system for the working directory).
type namer struct {
	base  string // absolute BaseDir, "" when none
	names map[string]relName
}

type relName struct {
	name string
	rel  bool
}

func newNamer(baseDir string) *namer {
	n := &namer{names: map[string]relName{}}
	if baseDir != "" {
		if abs, err := filepath.Abs(baseDir); err == nil {
			n.base = abs
		}
	}
	return n
}

// name returns a file's name and whether it is relative. Without a base,
// relative names stay as they are (cleaned); with one, a file outside it
// gets its absolute name.
func (n *namer) name(file string) (string, bool) {
	if r, ok := n.names[file]; ok {
		return r.name, r.rel
	}
	name := path.Clean(filepath.ToSlash(file))
	r := relName{name, !isAbs(name)}
	if n.base != "" {
		if abs, err := filepath.Abs(filepath.FromSlash(file)); err == nil {
			r = relName{filepath.ToSlash(abs), false}
			if rel, err := filepath.Rel(n.base, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				r = relName{filepath.ToSlash(rel), true}
			}
		}
	}
	n.names[file] = r
	return r.name, r.rel
}

// isAbs reports whether a slash-separated name is absolute, on any system
// ("/x", "C:/x").
func isAbs(name string) bool {
	return strings.HasPrefix(name, "/") || (len(name) >= 3 && name[1] == ':' && name[2] == '/')
}

// sources reads each file once per Write and indexes its lines.
type sources struct {
	read  func(string) ([]byte, error)
	files map[string]*lines
}

func newSources(read func(string) ([]byte, error)) *sources {
	return &sources{read: read, files: map[string]*lines{}}
}

// get returns the lines of a file, nil when it cannot be read or shown.
func (s *sources) get(file string) *lines {
	if s.read == nil || file == "" {
		return nil
	}
	if l, ok := s.files[file]; ok {
		return l
	}
	var l *lines
	if b, err := s.read(file); err == nil {
		l = splitLines(b, strings.EqualFold(path.Ext(file), ".json"))
	}
	s.files[file] = l
	return l
}
