package yamlx

import (
	"gopkg.in/yaml.v3"
)

// Rule IDs of the findings this package reports. The catalog assigns each a
// severity; this package only says what it saw.
const (
	RuleSyntax            = "yaml/syntax"
	RuleJSONSyntax        = "json/syntax"
	RuleDuplicateKey      = "yaml/duplicate-key"
	RuleNonStringKey      = "yaml/non-string-key"
	RuleComplexKey        = "yaml/complex-key"
	RuleAmbiguousBool     = "yaml/ambiguous-bool"
	RuleBadMerge          = "yaml/bad-merge"
	RuleAnchorRedefined   = "yaml/anchor-redefined"
	RuleEmptyDocument     = "yaml/empty-document"
	RuleMultipleDocuments = "yaml/multiple-documents"
	RuleDocumentLimit     = "limits/documents"
	RuleNestingLimit      = "limits/nesting"
	RuleAliasLimit        = "limits/alias-expansion"
)

// RuleIDs returns every rule ID this package can report, in a fresh slice the
// caller may keep or modify.
func RuleIDs() []string {
	return []string{
		RuleSyntax, RuleJSONSyntax, RuleDuplicateKey, RuleNonStringKey, RuleComplexKey,
		RuleAmbiguousBool, RuleBadMerge, RuleAnchorRedefined, RuleEmptyDocument,
		RuleMultipleDocuments, RuleDocumentLimit, RuleNestingLimit, RuleAliasLimit,
	}
}

// Default limits, used for zero fields of Limits.
const (
	DefaultMaxDocuments      = 10_000
	DefaultMaxDepth          = 100
	DefaultMaxAliasExpansion = 100_000
)

// Limits bound the work one file can cause. Zero (or negative) fields mean
// "use the default".
type Limits struct {
	MaxDocuments      int // documents per file; default DefaultMaxDocuments
	MaxDepth          int // levels of nesting (mappings and sequences); default DefaultMaxDepth
	MaxAliasExpansion int // nodes created by expanding aliases and merges, per document; default DefaultMaxAliasExpansion
}

func (l Limits) withDefaults() Limits {
	if l.MaxDocuments <= 0 {
		l.MaxDocuments = DefaultMaxDocuments
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxAliasExpansion <= 0 {
		l.MaxAliasExpansion = DefaultMaxAliasExpansion
	}
	return l
}

// Options configure the reading of one file.
type Options struct {
	// JSON says the bytes are one JSON value in strict JSON syntax rather than
	// a YAML stream.
	JSON bool
	// Single says exactly one document is expected (configuration files,
	// parameter sheets); a second one is reported as RuleMultipleDocuments.
	Single bool
	// Limits bound the work the file can cause.
	Limits Limits
}

// Finding is one problem found while reading a file. Line and Column are
// 1-based positions in the file (not in a document), counted as yaml.v3
// counts them: columns in runes (Unicode code points, so 名前 is two
// columns), lines at LF, CRLF and CR, and in YAML also at NEL, LS and PS.
// Column is 1 when only the line is known.
type Finding struct {
	Rule    string    // one of the Rule* constants
	Line    int       // 1-based line
	Column  int       // 1-based column in runes
	Doc     int       // index of the document concerned, -1 when none
	Path    string    // RFC 6901 JSON pointer inside that document, "" for the root or none
	Message string    // one sentence for people
	Related []Related // other places involved, such as the first of two duplicate keys
}

// Related is another position involved in a Finding.
type Related struct {
	Line, Column int
	Message      string
}

// Document is one document of a stream, with its content normalised:
// duplicate keys, complex keys and bad merges are dropped, and merge keys
// (<<) are replaced by the pairs they merge, so Root reads as a plain tree.
// Aliases stay AliasNodes in Root; Value expands them.
//
// A Document must be treated as read-only: values reached through the same
// anchor may be shared between several places of Value, and merged pairs
// share their nodes with the mapping they came from.
type Document struct {
	Index  int        // 0-based position of the document in the file
	Line   int        // 1-based line where its content starts
	Column int        // 1-based column (in runes) where its content starts
	Root   *yaml.Node // the content node, never a DocumentNode
	// Value is the JSON-compatible value of Root: nil, bool, int64, float64,
	// string, []any or map[string]any, nothing else.
	Value any
}
