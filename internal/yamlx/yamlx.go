package yamlx

import (
	"gopkg.in/yaml.v3"
)

// Rule IDs of the findings this package reports. The catalog assigns each a
// severity; this package only says what it saw.
const (
	// RuleSyntax: yaml.v3 cannot parse a document; it is not returned.
	RuleSyntax = "yaml/syntax"
	// RuleJSONSyntax: a JSON file is not valid JSON.
	RuleJSONSyntax = "json/syntax"
	// RuleDuplicateKey: a key appears twice in a mapping; the first pair is kept.
	RuleDuplicateKey = "yaml/duplicate-key"
	// RuleNonStringKey: a scalar key is not a string (1:, true:, null:); it is
	// kept under its text.
	RuleNonStringKey = "yaml/non-string-key"
	// RuleComplexKey: a key is a mapping or a sequence; the pair is dropped.
	RuleComplexKey = "yaml/complex-key"
	// RuleAmbiguousBool: an unquoted yes, no, on, off, y or n, which YAML 1.1
	// read as a boolean and YAML 1.2 reads as a string; it stays a string.
	RuleAmbiguousBool = "yaml/ambiguous-bool"
	// RuleBadMerge: a merge key (<<) whose value is not a mapping or a sequence
	// of mappings; the pair is dropped.
	RuleBadMerge = "yaml/bad-merge"
	// RuleAnchorRedefined: an anchor name defined twice in one document.
	RuleAnchorRedefined = "yaml/anchor-redefined"
	// RuleEmptyDocument: a document with no content (not the file's last).
	RuleEmptyDocument = "yaml/empty-document"
	// RuleMultipleDocuments: a second document (or JSON value) where one is
	// expected.
	RuleMultipleDocuments = "yaml/multiple-documents"
	// RuleDocumentLimit: more documents than Limits.MaxDocuments; the rest
	// are not read.
	RuleDocumentLimit = "limits/documents"
	// RuleNestingLimit: a document nested deeper than Limits.MaxDepth; it is
	// not returned.
	RuleNestingLimit = "limits/nesting"
	// RuleAliasLimit: aliases and merges would expand to more than
	// Limits.MaxAliasExpansion nodes, or an alias is inside its own anchor;
	// the alias reads as null.
	RuleAliasLimit = "limits/alias-expansion"
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
	defaultMaxDocuments      = 10_000
	defaultMaxDepth          = 100
	defaultMaxAliasExpansion = 100_000
)

// Limits bound the work one file can cause. Zero (or negative) fields mean
// "use the default".
type Limits struct {
	MaxDocuments      int // documents per file; default 10,000
	MaxDepth          int // levels of nesting (mappings and sequences); default 100
	MaxAliasExpansion int // nodes created by expanding aliases and merges, per document; default 100,000

	compact bool // Options.Compact, carried with the limits to every document's walker
}

func (l Limits) withDefaults() Limits {
	if l.MaxDocuments <= 0 {
		l.MaxDocuments = defaultMaxDocuments
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = defaultMaxDepth
	}
	if l.MaxAliasExpansion <= 0 {
		l.MaxAliasExpansion = defaultMaxAliasExpansion
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
	// Compact says the caller keeps only the compact tree of each
	// document: Document.Tree is made as soon as the document is read,
	// on the goroutine that read it, and Root is nil, so that the
	// yaml.Node trees of a file are not all alive at once.
	Compact bool
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
	// Kind and Name, for a document that is not read (RuleSyntax,
	// RuleNestingLimit), are its kind and metadata.name as a line-by-line
	// look finds them, so that what refers to it can tell it is there but
	// unread; empty when the look finds none.
	Kind, Name string
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
// A Document must be treated as read-only (it is then safe for concurrent
// reads): values reached through the same anchor may be shared between
// several places of Value, and merged pairs share their nodes with the
// mapping they came from.
type Document struct {
	Index  int        // 0-based position of the document in the file
	Line   int        // 1-based line where its content starts
	Column int        // 1-based column (in runes) where its content starts
	Root   *yaml.Node // the content node, never a DocumentNode; nil with Options.Compact
	Tree   *Tree      // the compact copy of Root, with Options.Compact only
	// Value is the JSON-compatible value of Root: nil, bool, int64, float64,
	// string, []any or map[string]any, nothing else.
	Value any
}
