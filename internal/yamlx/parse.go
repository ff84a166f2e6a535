package yamlx

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// prepare drops a UTF-8 byte order mark and turns UTF-16 with a byte order
// mark (which yaml.v3 also accepts) into UTF-8, so that everything after
// works on UTF-8. Unpaired surrogates and an odd last byte become U+FFFD.
func prepare(data []byte) []byte {
	if len(data) < 2 {
		return data
	}
	var order binary.ByteOrder
	switch {
	case data[0] == 0xFF && data[1] == 0xFE:
		order = binary.LittleEndian
	case data[0] == 0xFE && data[1] == 0xFF:
		order = binary.BigEndian
	default:
		return bytes.TrimPrefix(data, bom)
	}
	units := make([]uint16, 0, len(data)/2)
	for i := 2; i+1 < len(data); i += 2 {
		units = append(units, order.Uint16(data[i:]))
	}
	out := make([]byte, 0, len(data))
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	if len(data)%2 == 1 {
		out = utf8.AppendRune(out, utf8.RuneError)
	}
	return out
}

// Parse reads one file into documents. It never stops at the first problem:
// every document is either returned or named by a finding (by its Index in
// Finding.Doc), and the documents that are returned are in file order with
// file positions.
//
// For YAML the stream is cut into documents at "---" and "..." lines before
// parsing, so a syntax error in one document does not hide the next ones, and
// documents are parsed in parallel. A file that is empty or holds only
// comments gives no documents and no findings. A leading byte order mark is
// skipped, in JSON too, and UTF-16 with a byte order mark is read as yaml.v3
// reads it (positions count characters, so they do not depend on the
// encoding).
//
// Findings are sorted by line and column. Parse keeps no state between
// calls and may be called from several goroutines at once.
func Parse(data []byte, opts Options) ([]*Document, []Finding) {
	lim := opts.Limits.withDefaults()
	lim.compact = opts.Compact
	data = prepare(data)
	var docs []*Document
	var findings []Finding
	if opts.JSON {
		docs, findings = parseJSON(data, lim)
	} else {
		docs, findings = parseYAML(data, opts, lim)
	}
	slices.SortStableFunc(findings, func(a, b Finding) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
	return docs, findings
}

type result struct {
	doc      *Document
	findings []Finding
}

func parseYAML(data []byte, opts Options, lim Limits) ([]*Document, []Finding) {
	sp := splitter{max: lim.MaxDocuments}
	sp.split(data)
	chunks := sp.chunks
	results := make([]result, len(chunks))
	parseAll(data, chunks, results, lim)

	var docs []*Document
	var findings []Finding
	for _, r := range results {
		if r.doc != nil {
			docs = append(docs, r.doc)
		}
		findings = append(findings, r.findings...)
	}
	if skipped := sp.total - len(chunks); skipped > 0 {
		msg := fmt.Sprintf("more than %d documents in this file (document limit); the last %d are not read", lim.MaxDocuments, skipped)
		if sp.emptyLimit {
			msg = fmt.Sprintf("more than %d empty documents in this file (document limit); the last %d are not read", maxEmptyDocuments, skipped)
		}
		findings = append(findings, Finding{Rule: RuleDocumentLimit, Line: sp.overLine, Column: 1, Doc: len(chunks), Message: msg})
	}
	if opts.Single && len(chunks) > 1 {
		line, col := chunkPos(chunks[1])
		if d := results[1].doc; d != nil {
			line, col = d.Line, d.Column
		}
		findings = append(findings, Finding{
			Rule: RuleMultipleDocuments, Line: line, Column: col, Doc: 1,
			Message: fmt.Sprintf("this file must hold one document, it holds %d", sp.total),
		})
	}
	return docs, findings
}

// chunkPos is where a chunk is reported when it has no parsed content.
func chunkPos(c chunk) (line, col int) {
	if c.markerLine > 0 {
		return c.markerLine, 1
	}
	return c.line, 1
}

// minParallel is the number of documents below which parsing stays on the
// calling goroutine: starting workers costs more than it saves.
const minParallel = 4

func parseAll(data []byte, chunks []chunk, results []result, lim Limits) {
	workers := min(runtime.GOMAXPROCS(0), len(chunks))
	// newScratch gives a goroutine the node memory it reuses, when the
	// yaml.Node trees are dropped once copied (Options.Compact).
	newScratch := func() *scratch {
		if lim.compact {
			return &scratch{}
		}
		return nil
	}
	if len(chunks) < minParallel || workers < 2 {
		sc := newScratch()
		for i, c := range chunks {
			results[i] = parseChunk(data, c, i, lim, sc)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := newScratch()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(chunks) {
					return
				}
				results[i] = parseChunk(data, chunks[i], i, lim, sc)
			}
		}()
	}
	wg.Wait()
}

// parseChunk parses, checks and converts one document, in the memory of
// sc when it is not nil.
func parseChunk(data []byte, c chunk, idx int, lim Limits, sc *scratch) result {
	src := data[c.start:c.end]
	if c.tailStart > c.start {
		src = data[c.start:c.tailStart]
	}
	if c.pad {
		// "... text": YAML allows only a comment after "...".
		line, _ := lineEnd(src, 0)
		i := 3
		for i < line && isSpace(src[i]) {
			i++
		}
		return result{findings: []Finding{{Rule: RuleSyntax, Line: c.line, Column: utf8.RuneCount(src[:i]) + 1, Doc: idx,
			Message: "only a comment may follow the document end marker \"...\" on its line"}}}
	}
	if !c.content {
		if c.directive {
			if _, src, line, err := decodeChunk(data, c, sc); err != nil {
				c.line = line
				return result{findings: []Finding{syntaxFinding(src, c, idx, err)}}
			}
		}
		line, col := chunkPos(c)
		return result{findings: []Finding{{Rule: RuleEmptyDocument, Line: line, Column: col, Doc: idx,
			Message: "this document is empty"}}}
	}
	if _, off := scanDepth(src, lim.MaxDepth); off >= 0 {
		line, col := position(src, off)
		kind, name := envelope(src)
		return result{findings: []Finding{{Rule: RuleNestingLimit, Line: line + c.line - 1, Column: col, Doc: idx,
			Message: fmt.Sprintf("nesting deeper than %d levels (nesting limit); the document is not read", lim.MaxDepth), Kind: kind, Name: name}}}
	}
	root, src, line, err := decodeChunk(data, c, sc)
	if err != nil {
		c.line = line
		return result{findings: []Finding{syntaxFinding(src, c, idx, err)}}
	}
	if root == nil {
		line, col := chunkPos(c)
		return result{findings: []Finding{{Rule: RuleEmptyDocument, Line: line, Column: col, Doc: idx,
			Message: "this document is empty"}}}
	}
	w := newWalker(idx, line-1, lim)
	return w.finish(root)
}

// finish normalises a parsed root and converts it.
func (w *walker) finish(root *yaml.Node) result {
	w.walk(root, false)
	if !w.checkDepth(root) {
		return result{findings: w.findings}
	}
	doc := &Document{Index: w.doc, Line: root.Line, Column: root.Column, Root: root, Value: w.value(root)}
	if w.lim.compact {
		doc.Tree, doc.Root = Compact(root), nil
	}
	return result{doc: doc, findings: w.findings}
}

// decodeChunk parses the document of a chunk and returns its content node
// (nil when there is none), the bytes it was parsed from and the file line
// those start on.
func decodeChunk(data []byte, c chunk, sc *scratch) (root *yaml.Node, src []byte, line int, err error) {
	root, src, err = decodeFrom(data, c, c.start, sc)
	if err != nil && c.ownStart > c.start {
		// The comments and directives lent by the previous chunk may have
		// been its own (the end of a plain scalar): try without them.
		if r, s, e := decodeFrom(data, c, c.ownStart, sc); e == nil { // the first failed: nothing of it is kept
			return r, s, c.markerLine, nil
		}
	}
	return root, src, c.line, err
}

// decodeFrom parses a chunk from offset start, with or without the lines it
// lends to the next chunk.
func decodeFrom(data []byte, c chunk, start int, sc *scratch) (*yaml.Node, []byte, error) {
	src := data[start:c.end]
	if c.tailStart > start {
		src = data[start:c.tailStart]
	}
	root, err := decodeOne(src, sc)
	if c.tailStart > start && (err != nil ||
		c.tailDirective && root != nil && root.Kind == yaml.ScalarNode && root.Style&^yaml.TaggedStyle == 0) {
		// The lines lent to the next chunk may have been the inside of a
		// quoted scalar (then the chunk fails without them) or the end of a
		// plain scalar at the root: try again with them.
		// Not in sc: root is returned when this attempt fails.
		if r, err2 := decodeOne(data[start:c.end], nil); err2 == nil {
			return r, data[start:c.end], nil
		}
	}
	return root, src, err
}

// decodeOne parses the single document of a chunk and returns its content
// node, or nil when the chunk holds no document. The fast path builds it
// in sc's memory when sc is not nil.
func decodeOne(src []byte, sc *scratch) (root *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, fmt.Errorf("yaml: the parser failed: %v", r)
		}
	}()
	if bytes.HasPrefix(src, bom) {
		// yaml.v3 drops a byte order mark at the start of its input without
		// counting it, but counts one at the start of a later line (this
		// one, in the file): keep it a later one.
		src = append(bom[:len(bom):len(bom)], src...)
	}
	// The fast path builds the same tree for the plain YAML designs are
	// written in, or declines and leaves the chunk to yaml.v3.
	if root, ok := fastDecode(src, sc); ok {
		return root, nil
	}
	return yamlv3Root(src)
}

// yamlv3Root is yaml.v3's content node of the first document of src, nil
// when there is none: what the fast path must equal. yaml.Unmarshal reads
// only the first document of its input; the splitter guarantees a chunk
// holds no second one (FuzzParse checks it against yaml.v3's own reading
// of whole streams).
func yamlv3Root(src []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// position returns the 1-based line and rune column of byte offset off,
// counting line breaks as yaml.v3 does.
func position(src []byte, off int) (line, col int) {
	line, start := 1, 0
	for i := 0; i < off && i < len(src); {
		if n := breakLen(src, i); n > 0 {
			i += n
			line++
			start = i
			continue
		}
		i++
	}
	if off > len(src) {
		off = len(src)
	}
	if start > off {
		start = off
	}
	return line, utf8.RuneCount(src[start:off]) + 1
}
