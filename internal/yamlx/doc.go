// Package yamlx reads YAML and JSON files into documents that keep the exact
// file position of every node, for the catalog loader.
//
// Parse cuts a YAML stream into documents at its "---" and "..." lines
// itself and parses each with yaml.v3, in parallel when there are many, so a
// syntax error in one document never hides the documents after it. Each
// document is then normalised and checked: duplicate keys, non-string and
// complex keys, YAML 1.1 booleans that YAML 1.2 reads as strings, anchors
// defined twice, merge keys (which are expanded in place), and bounds on
// nesting, alias expansion and the number of documents. Every problem is a
// Finding with a rule ID, a file position and a JSON pointer; the caller
// decides how grave each rule is.
//
// Most documents never reach yaml.v3's parser: fastparse.go reads the plain
// YAML designs are written in (block collections, one-line flow collections
// and scalars, the common comments) into exactly the yaml.Node tree yaml.v3
// builds, in slabs, and declines everything else to yaml.v3, so findings do
// not depend on which parser read a document. FuzzFastParseMatchesYAMLv3
// holds the two equal.
//
// A syntax error is reported at the line and column of the mistake, which
// yaml.v3 does not always give (syntax.go): it names where a block starts
// rather than the mis-indented line in it, and no line for a control
// character. The message says what is wrong there: "this item is indented
// by 3, its siblings by 4", "control character U+0000 (NUL) is not
// allowed". A document that is not read is named in its Finding (Kind and
// Name) as far as its lines tell.
//
// Positions are yaml.v3's: 1-based lines and 1-based columns counted in
// runes, so in "名前: 値" the value is at column 5. YAML lines break at LF,
// CRLF and CR and also at NEL, LS and PS, as in yaml.v3; JSON lines break at
// LF, CRLF and CR only.
//
// Locate maps a JSON pointer (as found in schema validation errors) back to
// the node, and so to the position, it names.
package yamlx
